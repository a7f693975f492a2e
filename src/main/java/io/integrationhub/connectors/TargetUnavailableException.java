package io.integrationhub.connectors;

/** The target could not take the message now (SPEC §4: 5xx, 429, Webex 7005/7020): worth another attempt. */
public class TargetUnavailableException extends TargetException {

    private final Long retryAfterMs;

    public TargetUnavailableException(String target, int status, String body, String message, Long retryAfterMs) {
        super(target, status, body, message);
        this.retryAfterMs = retryAfterMs;
    }

    /** The wait the target asked for with Retry-After, or null. */
    public Long retryAfterMs() {
        return retryAfterMs;
    }
}
