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

    /** Names the parts a group at a time: {@code received(…).envelope(…).body(…).status(…).build()}. */
    public static Builder received(String id, String partner, long receivedAt) {
        return new Builder(id, partner, receivedAt);
    }

    public boolean asynchronous() {
        return "asynchronous".equals(integrationMode);
    }

    /** The parts of a {@link NewMessage} by name; without {@link #idempotency} or {@link #mapped} they are null. */
    public static final class Builder {
        private final String id;
        private final String partner;
        private final long receivedAt;
        private String messageType;
        private String integrationMode;
        private String correlationId;
        private String externalAction;
        private String externalReference;
        private String bodyFormat;
        private byte[] body;
        private String status;
        private String target;
        private String idempotencyKey;
        private String requestHash;
        private StoredAnswer answer;
        private String mapped;

        private Builder(String id, String partner, long receivedAt) {
            this.id = id;
            this.partner = partner;
            this.receivedAt = receivedAt;
        }

        public Builder envelope(String type, String mode, String correlation, String action, String reference) {
            this.messageType = type;
            this.integrationMode = mode;
            this.correlationId = correlation;
            this.externalAction = action;
            this.externalReference = reference;
            return this;
        }

        /** The body as received, and its format ({@code json}, {@code xml}, {@code payload+json}, …). */
        public Builder body(String format, byte[] bytes) {
            this.bodyFormat = format;
            this.body = bytes;
            return this;
        }

        public Builder status(String newStatus, String toTarget) {
            this.status = newStatus;
            this.target = toTarget;
            return this;
        }

        /** The request's Idempotency-Key, its hash and (when already known, as for a receipt) the answer given. */
        public Builder idempotency(String key, String hash, StoredAnswer given) {
            this.idempotencyKey = key;
            this.requestHash = hash;
            this.answer = given;
            return this;
        }

        public Builder mapped(String json) {
            this.mapped = json;
            return this;
        }

        public NewMessage build() {
            return new NewMessage(id, partner, messageType, integrationMode, correlationId, externalAction,
                    externalReference, bodyFormat, body, status, target, idempotencyKey, requestHash, answer,
                    receivedAt, mapped);
        }
    }
}
