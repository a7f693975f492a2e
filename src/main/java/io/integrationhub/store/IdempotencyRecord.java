package io.integrationhub.store;

/** The message an Idempotency-Key was first used for: its request hash and its answer, null while in progress. */
public record IdempotencyRecord(String messageId, String requestHash, StoredAnswer answer) {
}
