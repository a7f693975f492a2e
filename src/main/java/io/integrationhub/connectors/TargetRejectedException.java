package io.integrationhub.connectors;

/** The target refused the message for good (SPEC §4: a 4xx other than 429, a permanent Webex code). */
public class TargetRejectedException extends TargetException {

    public TargetRejectedException(String target, int status, String body, String message) {
        super(target, status, body, message);
    }
}
