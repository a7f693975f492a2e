package io.integrationhub.store;

/** The store could not be reached or refused the write: nothing was stored. */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
