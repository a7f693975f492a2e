package io.integrationhub.messagetypes;

/** A payload the message type's field map cannot map (SPEC §3: 422 mapping_error, naming the field). */
public class MappingException extends RuntimeException {

    private final String field;

    public MappingException(String field, String problem) {
        super(field + ": " + problem, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }

    /** What is wrong with the field, without its name. */
    public String problem() {
        String message = getMessage();
        return message.startsWith(field + ": ") ? message.substring(field.length() + 2) : message;
    }
}
