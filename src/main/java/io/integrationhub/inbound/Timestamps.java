package io.integrationhub.inbound;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** ISO-8601 UTC with milliseconds, as every API answer shows times. */
public final class Timestamps {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String iso(Long epochMillis) {
        return epochMillis == null ? null : ISO.format(Instant.ofEpochMilli(epochMillis));
    }
}
