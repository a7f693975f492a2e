package io.integrationhub.messagetypes;

/** A payload the message type's field map cannot map (SPEC §3: 422 mapping_error, naming the field). */
public class MappingException extends RuntimeException {

    private final String field;
    private final String problem;

    public MappingException(String field, String problem) {
        super(field + ": " + problem, null, false, false);
        this.field = field;
        this.problem = problem;
    }

    public String field() {
        return field;
    }

    /** The 422's message for a payload of {@code messageType}: the partner API's and the ops API's alike. */
    public String explained(String messageType) {
        return "The payload cannot be mapped for message type '" + messageType + "': field " + field + " " + problem
                + ".";
    }
}
