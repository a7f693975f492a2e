package io.integrationhub.store;

/** A message as the inbound side hands it to the store: the envelope's columns and the raw body as received. */
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
        long receivedAt) {

    public boolean asynchronous() {
        return "asynchronous".equals(integrationMode);
    }
}
