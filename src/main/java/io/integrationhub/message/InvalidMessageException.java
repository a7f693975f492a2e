package io.integrationhub.message;

import java.util.List;

/** A body that is not a valid message, with each problem a partner can fix; answered 400 invalid_body. */
public final class InvalidMessageException extends RuntimeException {

    private final List<String> details;

    public InvalidMessageException(String message, List<String> details) {
        super(message, null, false, false);
        this.details = List.copyOf(details);
    }

    public List<String> details() {
        return details;
    }

    static InvalidMessageException of(String message, String... details) {
        return new InvalidMessageException(message, List.of(details));
    }
}
