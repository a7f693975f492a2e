package io.integrationhub.store;

/**
 * A message as the inbound side hands it to the store: the envelope's columns and the raw body as received; with an
 * Idempotency-Key, the request's hash and (when already known, as for a receipt) the answer given.
 */
public record NewMessage(
        String id,
        String partner,
        String messageType,
        String integrationMode,
        String correlationId,
        String externalAction,
        String externalReference,
        String bodyFormat,
        byte[] body,
        String status,
        String target,
        String idempotencyKey,
        String requestHash,
        StoredAnswer answer,
        long receivedAt) {

    public boolean asynchronous() {
        return "asynchronous".equals(integrationMode);
    }
}
