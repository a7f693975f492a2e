package io.integrationhub.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import io.integrationhub.message.PartnerIds;

/**
 * The partners allowed to post and their secrets (SPEC §2: {@code hub.partner.<id>.secret}, or the environment alone:
 * {@code HUB_PARTNER_<ID>_SECRET}), and the ops user. Secrets are compared in constant time.
 */
public final class PartnerDirectory {

    private static final String PREFIX = "hub.partner.";
    private static final String SUFFIX = ".secret";
    private static final String ENV_PREFIX = "HUB_PARTNER_";
    private static final String ENV_SUFFIX = "_SECRET";

    private final Map<String, byte[]> secretDigests;
    private final String adminUser;
    private final byte[] adminDigest;

    public PartnerDirectory(Map<String, String> secretsById, String adminUser, String adminPassword) {
        Map<String, byte[]> digests = new TreeMap<>();
        secretsById.forEach((id, secret) -> {
            if (secret != null && !secret.isEmpty()) {
                digests.put(PartnerIds.of(id), digest(secret));
            }
        });
        this.secretDigests = Map.copyOf(digests);
        this.adminUser = adminUser;
        this.adminDigest = digest(adminPassword);
    }

    /**
     * Collects the partners from the given property keys and environment variable names; each secret is resolved
     * through {@code resolve}, so that an environment variable overrides the file as for every other key.
     */
    public static PartnerDirectory from(Set<String> propertyKeys, Set<String> environmentNames,
                                        Function<String, Optional<String>> resolve, String adminUser,
                                        String adminPassword) {
        Map<String, String> secrets = new TreeMap<>();
        for (String key : propertyKeys) {
            if (key.startsWith(PREFIX) && key.endsWith(SUFFIX) && key.length() > PREFIX.length() + SUFFIX.length()) {
                String id = key.substring(PREFIX.length(), key.length() - SUFFIX.length());
                resolve.apply(key).ifPresent(secret -> secrets.put(PartnerIds.of(id), secret));
            }
        }
        for (String name : environmentNames) {
            if (name.startsWith(ENV_PREFIX) && name.endsWith(ENV_SUFFIX)
                    && name.length() > ENV_PREFIX.length() + ENV_SUFFIX.length()) {
                String id = PartnerIds.of(name.substring(ENV_PREFIX.length(), name.length() - ENV_SUFFIX.length()));
                resolve.apply(PREFIX + id + SUFFIX).ifPresent(secret -> secrets.put(id, secret));
            }
        }
        return new PartnerDirectory(secrets, adminUser, adminPassword);
    }

    /** The partner id these credentials authenticate, if any. */
    public Optional<String> authenticatePartner(String user, String password) {
        String id = PartnerIds.of(user);
        byte[] expected = secretDigests.get(id);
        // Compare against a digest even for an unknown partner, so that timing does not tell which partners exist.
        boolean ok = MessageDigest.isEqual(expected == null ? adminDigest : expected, digest(password));
        return ok && expected != null ? Optional.of(id) : Optional.empty();
    }

    public boolean authenticateAdmin(String user, String password) {
        boolean userOk = MessageDigest.isEqual(digest(adminUser), digest(user));
        boolean passwordOk = MessageDigest.isEqual(adminDigest, digest(password));
        return userOk & passwordOk;
    }

    public Set<String> partnerIds() {
        return secretDigests.keySet();
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
