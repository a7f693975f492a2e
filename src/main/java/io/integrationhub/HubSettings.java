package io.integrationhub;

import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Typed access to the {@code hub.*} settings through Camel's properties component, so that every key honours
 * {@code application.properties}, {@code -Dkey=value} and the environment (HUB_TARGET_ITX_URL) alike.
 */
public final class HubSettings {

    private final PropertiesComponent properties;

    public HubSettings(CamelContext context) {
        this.properties = context.getPropertiesComponent();
    }

    public Optional<String> find(String key) {
        return properties.resolveProperty(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    public String get(String key, String defaultValue) {
        return find(key).orElse(defaultValue);
    }

    public int getInt(String key, int defaultValue) {
        return find(key).map(v -> parse(key, v, Integer::parseInt)).orElse(defaultValue);
    }

    public long getLong(String key, long defaultValue) {
        return find(key).map(v -> parse(key, v, Long::parseLong)).orElse(defaultValue);
    }

    public double getDouble(String key, double defaultValue) {
        return find(key).map(v -> parse(key, v, Double::parseDouble)).orElse(defaultValue);
    }

    /** A time zone setting (hub.time-zone): an IANA id such as Europe/Oslo, or UTC. */
    public java.time.ZoneId getZone(String key, String defaultValue) {
        return zone(key, get(key, defaultValue));
    }

    static java.time.ZoneId zone(String key, String value) {
        try {
            return java.time.ZoneId.of(value);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("Setting " + key + " must be a time zone such as UTC or Europe/Oslo, "
                    + "got '" + value + "'");
        }
    }

    private static <T> T parse(String key, String value, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Setting " + key + " must be a number, got '" + value + "'");
        }
    }
}
