package io.integrationhub.connectors;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.apache.camel.Exchange;

/** A target's HTTP answer as camel-http left it on the exchange, classified as SPEC §4 says. */
public record TargetAnswer(String target, int status, String body, String contentType, String retryAfter) {

    public static TargetAnswer of(String target, Exchange exchange) {
        var message = exchange.getMessage();
        Integer status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String body = message.getBody(String.class);
        return new TargetAnswer(target, status == null ? 0 : status, body == null || body.isEmpty() ? null : body,
                message.getHeader(Exchange.CONTENT_TYPE, String.class), message.getHeader("Retry-After", String.class));
    }

    public boolean succeeded() {
        return status >= 200 && status < 300;
    }

    /** Throws for anything but a 2xx: 5xx and 429 are worth another attempt, every other status is final. */
    public TargetAnswer requireSuccess() {
        if (succeeded()) {
            return this;
        }
        if (status >= 500 || status == 429) {
            throw new TargetUnavailableException(target, status, body, target + " answered HTTP " + status,
                    retryAfterMs());
        }
        throw new TargetRejectedException(target, status, body, target + " refused the message with HTTP " + status
                + (status >= 300 && status < 400 ? " (a redirect, which the hub does not follow)" : ""));
    }

    /** Retry-After in milliseconds, from seconds or an HTTP date; null when absent or unreadable. */
    Long retryAfterMs() {
        if (retryAfter == null || retryAfter.isBlank()) {
            return null;
        }
        try {
            return Math.max(0, Long.parseLong(retryAfter.trim())) * 1000;
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(retryAfter.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return Math.max(0, Duration.between(ZonedDateTime.now(at.getZone()), at).toMillis());
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
    }

    public boolean isJson() {
        return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).contains("json");
    }
}
