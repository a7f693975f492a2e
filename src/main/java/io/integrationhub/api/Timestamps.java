package io.integrationhub.api;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** ISO-8601 UTC with milliseconds, as every API answer shows times. */
public final class Timestamps {

    private Timestamps() {
    }

    // Written digit by digit: every answer carries a time, and DateTimeFormatter cost a tenth of a request's work.
    public static String iso(Long epochMillis) {
        if (epochMillis == null) {
            return null;
        }
        long millis = epochMillis;
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), 0, ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(24);
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            return java.time.Instant.ofEpochMilli(millis).toString();
        }
        digits(out, year, 4).append('-');
        digits(out, t.getMonthValue(), 2).append('-');
        digits(out, t.getDayOfMonth(), 2).append('T');
        digits(out, t.getHour(), 2).append(':');
        digits(out, t.getMinute(), 2).append(':');
        digits(out, t.getSecond(), 2).append('.');
        return digits(out, (int) Math.floorMod(millis, 1000), 3).append('Z').toString();
    }

    private static StringBuilder digits(StringBuilder out, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(s);
    }
}
