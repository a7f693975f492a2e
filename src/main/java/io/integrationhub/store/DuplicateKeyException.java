package io.integrationhub.store;

/** Another message of the partner already holds this Idempotency-Key (two requests raced for it). */
public class DuplicateKeyException extends StoreUnavailableException {
    public DuplicateKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
