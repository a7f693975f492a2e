package io.integrationhub.store;

/**
 * A message as the inbound side hands it to the store: the envelope's columns and the raw body as received; with an
 * Idempotency-Key, the request's hash and (when already known, as for a receipt) the answer given; {@code mapped} is
 * what the message type's route made of it (JSON), null when it was not mapped.
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
        long receivedAt,
        String mapped) {

    /** A message kept without its mapping: it is mapped when it is delivered. */
    public NewMessage(String id, String partner, String messageType, String integrationMode, String correlationId,
                      String externalAction, String externalReference, String bodyFormat, byte[] body, String status,
                      String target, String idempotencyKey, String requestHash, StoredAnswer answer, long receivedAt) {
        this(id, partner, messageType, integrationMode, correlationId, externalAction, externalReference, bodyFormat,
                body, status, target, idempotencyKey, requestHash, answer, receivedAt, null);
    }

    public boolean asynchronous() {
        return "asynchronous".equals(integrationMode);
    }
}
