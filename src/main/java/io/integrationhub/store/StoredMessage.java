package io.integrationhub.store;

/** A row of the message log. Times are epoch milliseconds. */
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
        long updatedAt) {
}
