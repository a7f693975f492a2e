package io.integrationhub.messagetypes;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A template's {@code | date: <pattern>}: reads an ISO-8601 date-time and writes it with a
 * {@link DateTimeFormatter} pattern in the template's zone. It reads a date-time with an offset or {@code Z}
 * ({@code 2026-12-04T10:15:30+01:00}, also with a {@code [region]} after it), a local date-time, taken in the
 * template's zone ({@code 2026-12-04T10:15}), and a plain date, taken as the start of that day in the zone
 * ({@code 2026-12-04}); white space around the value is ignored. Month and day names are English. A missing or
 * blank value stays missing; any other value it cannot read is a {@link MappingException}.
 */
record DateFunction(DateTimeFormatter format, ZoneId zone) implements TemplateFunction {

    private static final String EXAMPLES = "2026-12-04T10:15:00Z, 2026-12-04T11:15:00+01:00 or 2026-12-04";

    /** Refuses a pattern DateTimeFormatter does not accept, or one it cannot write a zoned date-time with. */
    static DateFunction of(String pattern, ZoneId zone, String where) {
        try {
            DateTimeFormatter format = DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH);
            format.format(ZonedDateTime.of(2026, 12, 4, 10, 15, 0, 0, zone)); // ofPattern checks letters, not fit
            return new DateFunction(format, zone);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new IllegalArgumentException("date: " + pattern + " in " + where + " is not a date pattern ("
                    + e.getMessage() + "): use java.time.format.DateTimeFormatter letters, e.g. | date: dd.MM.yyyy"
                    + " HH:mm");
        }
    }

    @Override
    public String apply(String field, String source, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        ZonedDateTime time = read(value.strip());
        if (time == null) {
            throw new MappingException(field, source + " is " + FieldType.describe(TextNode.valueOf(value))
                    + ", which is not an ISO-8601 date or date-time: send e.g. " + EXAMPLES);
        }
        return format.format(time.withZoneSameInstant(zone));
    }

    private ZonedDateTime read(String text) {
        try {
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, ZonedDateTime::from,
                    LocalDateTime::from);
            return parsed instanceof ZonedDateTime zoned ? zoned : ((LocalDateTime) parsed).atZone(zone);
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(text).atStartOfDay(zone);
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
