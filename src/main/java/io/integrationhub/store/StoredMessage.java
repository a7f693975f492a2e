package io.integrationhub.store;

/**
 * A row of the message log. Times are epoch milliseconds; {@code mapped} is what the message type's route made of
 * the message at receipt (JSON), null when it is to be mapped again (stored before mapping was kept, or replayed);
 * {@code revisedPayload} is the payload of ops' latest revision (JSON), which replaces the body's, or null.
 */
public record StoredMessage(
        String id,
        long seq,
        String partner,
        String messageType,
        String integrationMode,
        String correlationId,
        String externalAction,
        String externalReference,
        String bodyFormat,
        byte[] body,
        String status,
        int attempts,
        Long nextAttemptAt,
        String lastError,
        String target,
        Integer targetStatus,
        String targetReference,
        String targetResponse,
        String idempotencyKey,
        long receivedAt,
        long updatedAt,
        String mapped,
        String revisedPayload) {
}
