package io.integrationhub.delivery;

import io.integrationhub.HubSettings;

/** SPEC §2 hub.retry.*: exponential backoff for asynchronous redelivery; attempts include the first. */
public record RetryPolicy(int maxAttempts, long initialDelayMs, double multiplier, long maxDelayMs) {

    public static RetryPolicy of(HubSettings settings) {
        return new RetryPolicy(Math.max(1, settings.getInt("hub.retry.max-attempts", 6)),
                Math.max(0, settings.getLong("hub.retry.initial-delay-ms", 1000)),
                Math.max(1.0, settings.getDouble("hub.retry.multiplier", 2.0)),
                Math.max(0, settings.getLong("hub.retry.max-delay-ms", 300000)));
    }

    public boolean mayRetryAfter(int attemptsMade) {
        return attemptsMade < maxAttempts;
    }

    /** The wait before the next attempt after {@code attemptsMade} attempts; a target's Retry-After wins if longer. */
    public long delayAfter(int attemptsMade, Long retryAfterMs) {
        double delay = initialDelayMs * Math.pow(multiplier, Math.max(0, attemptsMade - 1));
        long backoff = (long) Math.min(delay, maxDelayMs);
        return retryAfterMs == null ? backoff : Math.max(backoff, Math.min(retryAfterMs, maxDelayMs));
    }
}
