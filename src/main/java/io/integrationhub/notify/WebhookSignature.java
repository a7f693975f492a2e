package io.integrationhub.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks' signature: {@code v1,} and the base64 HMAC-SHA256 of {@code id.timestamp.body}, keyed with the
 * base64-decoded part of a {@code whsec_} secret, or with a secret without that prefix as its UTF-8 bytes.
 */
public final class WebhookSignature {

    private static final String PREFIX = "whsec_";

    private final byte[] key;

    /** @throws IllegalArgumentException for a whsec_ secret whose key is not base64, or an empty key */
    public WebhookSignature(String secret) {
        this.key = secret.startsWith(PREFIX) ? Base64.getDecoder().decode(secret.substring(PREFIX.length()))
                : secret.getBytes(StandardCharsets.UTF_8);
        if (key.length == 0) {
            throw new IllegalArgumentException("an empty key signs nothing");
        }
    }

    /** The webhook-signature header's value for one try of an event. */
    public String sign(String id, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
