package io.integrationhub.connectors;

/** The target could not take the message now (SPEC §4: 5xx, 429, Webex 7005/7020): worth another attempt. */
public class TargetUnavailableException extends TargetException {

    private final Long retryAfterMs;
    private final boolean rateLimited;

    public TargetUnavailableException(String target, int status, String body, String message, Long retryAfterMs) {
        this(target, status, body, message, retryAfterMs, status == 429);
    }

    public TargetUnavailableException(String target, int status, String body, String message, Long retryAfterMs,
                                      boolean rateLimited) {
        super(target, status, body, message);
        this.retryAfterMs = retryAfterMs;
        this.rateLimited = rateLimited;
    }

    /** Whether the target said it takes no more for now (429, Webex 7020): the whole lane waits, not one message. */
    public boolean rateLimited() {
        return rateLimited;
    }

    /** The wait the target asked for with Retry-After, or null. */
    public Long retryAfterMs() {
        return retryAfterMs;
    }
}
