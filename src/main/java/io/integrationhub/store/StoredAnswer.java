package io.integrationhub.store;

/** An answer as it was sent, kept so that a repeat with the same Idempotency-Key gets it again byte for byte. */
public record StoredAnswer(int status, String contentType, String body) {
}
