package io.integrationhub.connectors;

import io.integrationhub.HubSettings;

/** A target's base URL and timeout (SPEC §2: hub.target.<name>.url and .timeout-ms). */
public record TargetSettings(String name, String baseUrl, long timeoutMs) {

    public static final long DEFAULT_TIMEOUT_MS = 10000;

    public static TargetSettings of(HubSettings settings, String name) {
        String url = settings.find("hub.target." + name + ".url").orElseThrow(() -> new IllegalArgumentException(
                "Setting hub.target." + name + ".url is missing: the " + name + " base URL"));
        return new TargetSettings(name, url.replaceAll("/+$", ""),
                settings.getLong("hub.target." + name + ".timeout-ms", DEFAULT_TIMEOUT_MS));
    }

    /**
     * The camel-http endpoint for a path of this target: every status comes back as an answer to classify, redirects
     * are not followed, and connecting, waiting for a pooled connection and the response each have the timeout.
     */
    public String endpoint(String path) {
        return baseUrl + path + "?throwExceptionOnFailure=false&followRedirects=false"
                + "&connectTimeout=" + timeoutMs + "&connectionRequestTimeout=" + timeoutMs
                + "&responseTimeout=" + timeoutMs + "&soTimeout=" + timeoutMs;
    }
}
