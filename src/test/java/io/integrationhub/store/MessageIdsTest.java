package io.integrationhub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class MessageIdsTest {

    @Test
    void idsAreVersion7UuidsThatSortByTime() {
        UUID earlier = UUID.fromString(MessageIds.next(1_700_000_000_000L));
        UUID later = UUID.fromString(MessageIds.next(1_700_000_000_001L));

        assertThat(earlier.version()).isEqualTo(7);
        assertThat(earlier.variant()).isEqualTo(2);
        assertThat(earlier.getMostSignificantBits() >>> 16).isEqualTo(1_700_000_000_000L);
        assertThat(earlier.toString()).isLessThan(later.toString());
    }

    @Test
    void idsMadeInTheSameMillisecondDiffer() {
        assertThat(MessageIds.next(1L)).isNotEqualTo(MessageIds.next(1L));
    }
}
