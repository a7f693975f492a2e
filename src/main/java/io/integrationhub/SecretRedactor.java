package io.integrationhub;

import java.util.Comparator;
import java.util.List;
import java.util.Properties;

import org.apache.camel.CamelContext;

/**
 * Replaces the hub's configured secrets (partner secrets, the ops password, target credentials) with *** in text
 * that ops can read, such as a target's answer that echoes a credential back.
 */
public final class SecretRedactor {

    private static final String MASK = "***";
    private static final int MIN_SECRET_LENGTH = 4;

    private final List<String> secrets;

    public SecretRedactor(List<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= MIN_SECRET_LENGTH).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    public static SecretRedactor of(CamelContext context) {
        HubSettings settings = new HubSettings(context);
        Properties hub = context.getPropertiesComponent().loadProperties(k -> k.startsWith("hub."));
        List<String> keys = new java.util.ArrayList<>(hub.stringPropertyNames());
        System.getenv().keySet().stream().filter(k -> k.startsWith("HUB_PARTNER_") && k.endsWith("_SECRET"))
                .forEach(keys::add);
        List<String> secrets = keys.stream().filter(SecretRedactor::isSecretKey)
                .map(k -> k.startsWith("HUB_") ? System.getenv(k) : settings.find(k).orElse(null)).toList();
        List<String> all = new java.util.ArrayList<>(secrets);
        // An Authorization value's credentials also appear alone, e.g. base64 or a bearer token.
        for (String secret : secrets) {
            if (secret != null && secret.contains(" ")) {
                String credentials = secret.substring(secret.indexOf(' ') + 1).trim();
                all.add(credentials);
                if (secret.regionMatches(true, 0, "Basic ", 0, 6)) {
                    all.addAll(basicCredentials(credentials));
                }
            }
        }
        return new SecretRedactor(all);
    }

    /** A target that decodes a Basic header may echo "user:password" or the password alone. */
    private static List<String> basicCredentials(String base64) {
        try {
            String decoded = new String(java.util.Base64.getDecoder().decode(base64),
                    java.nio.charset.StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? List.of(decoded) : List.of(decoded, decoded.substring(colon + 1));
        } catch (IllegalArgumentException notBase64) {
            return List.of();
        }
    }

    static boolean isSecretKey(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT).replace('_', '.');
        return k.endsWith(".secret") || k.endsWith(".password") || k.endsWith(".authorization")
                || k.endsWith(".app-token") || k.endsWith(".tokenv2") || k.endsWith(".service-key");
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return out;
    }
}
