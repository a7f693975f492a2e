package io.integrationhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import io.integrationhub.api.Timestamps;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    private static final DateTimeFormatter REFERENCE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    @Test
    void writesUtcWithMillisecondsAsTheApiShowsTimes() {
        assertThat(Timestamps.iso(0L)).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(Timestamps.iso(1_796_000_123_007L)).isEqualTo("2026-11-30T00:55:23.007Z");
        assertThat(Timestamps.iso(-1L)).isEqualTo("1969-12-31T23:59:59.999Z");
        assertThat(Timestamps.iso(null)).isNull();
    }

    @Test
    void agreesWithTheJdkFormatterAcrossCenturies() {
        SplittableRandom random = new SplittableRandom(7);
        long from = Instant.parse("1900-01-01T00:00:00Z").toEpochMilli();
        long to = Instant.parse("2200-01-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < 10_000; i++) {
            long millis = random.nextLong(from, to);
            assertThat(Timestamps.iso(millis)).isEqualTo(REFERENCE.format(Instant.ofEpochMilli(millis)));
        }
    }
}
