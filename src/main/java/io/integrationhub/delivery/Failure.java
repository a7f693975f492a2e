package io.integrationhub.delivery;

import java.io.IOException;
import java.io.InterruptedIOException;

import io.integrationhub.connectors.TargetException;
import io.integrationhub.connectors.TargetRejectedException;
import io.integrationhub.connectors.TargetUnavailableException;
import io.integrationhub.messagetypes.MappingException;

/** A failed attempt, classified as SPEC §4 says: worth retrying, final, or a timeout. */
public record Failure(Kind kind, String error, Integer targetStatus, String targetAnswer, Long retryAfterMs) {

    /** RATE_LIMITED: a 429 or Webex 7020, worth another attempt once the target's lane has waited. */
    public enum Kind {
        TRANSIENT, PERMANENT, TIMEOUT, RATE_LIMITED
    }

    /** The attempt's outcome as the attempt log names it: transient, permanent, timeout, rate_limited. */
    public String outcome() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Failure of(Throwable e) {
        if (e instanceof TargetRejectedException rejected) {
            return target(Kind.PERMANENT, rejected, null);
        }
        if (e instanceof TargetUnavailableException unavailable) {
            return target(unavailable.rateLimited() ? Kind.RATE_LIMITED : Kind.TRANSIENT, unavailable,
                    unavailable.retryAfterMs());
        }
        if (e instanceof MappingException mapping) {
            return new Failure(Kind.PERMANENT, "mapping error: " + mapping.getMessage(), null, null, null);
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedIOException) {
                return new Failure(Kind.TIMEOUT, "the target did not answer in time: " + describe(cause), null, null,
                        null);
            }
            if (cause instanceof IOException) {
                return new Failure(Kind.TRANSIENT, "the target could not be reached: " + describe(cause), null, null,
                        null);
            }
        }
        // Anything unforeseen is retried and then dead-lettered, where ops can see and replay it: never dropped.
        return new Failure(Kind.TRANSIENT, "delivery failed: " + describe(e), null, null, null);
    }

    private static Failure target(Kind kind, TargetException e, Long retryAfterMs) {
        return new Failure(kind, e.getMessage(), e.status() == 0 ? null : e.status(), e.body(), retryAfterMs);
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
