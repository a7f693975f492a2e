package io.integrationhub.connectors;

/** A target answered, but not with success: its status and body are kept as the attempt's error. */
public abstract class TargetException extends RuntimeException {

    private final String target;
    private final int status;
    private final String body;

    protected TargetException(String target, int status, String body, String message) {
        super(message, null, false, false);
        this.target = target;
        this.status = status;
        this.body = body;
    }

    public String target() {
        return target;
    }

    /** The HTTP status the target answered, or 0 when the failure is in its body (Webex Connect codes). */
    public int status() {
        return status;
    }

    public String body() {
        return body;
    }
}
