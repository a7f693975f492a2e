package io.integrationhub.messagetypes;

import java.util.List;

/** A message names a type no route file serves; {@link #known()} lists those that are served. */
public final class UnknownMessageTypeException extends RuntimeException {

    private final String messageType;
    private final List<String> known;

    public UnknownMessageTypeException(String messageType, List<String> known) {
        super("Unknown message_type '" + messageType + "'", null, false, false);
        this.messageType = messageType;
        this.known = List.copyOf(known);
    }

    public String messageType() {
        return messageType;
    }

    public List<String> known() {
        return known;
    }
}
