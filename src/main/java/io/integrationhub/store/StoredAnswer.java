package io.integrationhub.store;

/**
 * An answer as it was sent, kept so that a repeat with the same Idempotency-Key gets it again byte for byte;
 * {@code retryAfterSeconds} is its Retry-After header, or null.
 */
public record StoredAnswer(int status, String contentType, String body, Integer retryAfterSeconds) {

    public StoredAnswer(int status, String contentType, String body) {
        this(status, contentType, body, null);
    }

    public StoredAnswer withRetryAfter(long seconds) {
        return new StoredAnswer(status, contentType, body, (int) Math.min(Integer.MAX_VALUE, seconds));
    }
}
