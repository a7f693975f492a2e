package io.integrationhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class RouteScanIntervalTest {

    private static long scanIntervalWith(String value) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            if (value != null) {
                context.getPropertiesComponent().addInitialProperty("hub.routes.scan-interval-ms", value);
            }
            return MessageTypeParts.scanIntervalMs(new HubSettings(context));
        }
    }

    @Test
    void theFolderIsLookedAtEveryTwoSecondsUnlessSetOtherwise() throws Exception {
        assertThat(scanIntervalWith(null)).isEqualTo(2000);
        assertThat(scanIntervalWith("500")).isEqualTo(500);
    }

    @Test
    void anIntervalThatWouldMissTheTenSecondsIsRefusedWithTheRange() {
        assertThatThrownBy(() -> scanIntervalWith("20000")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Setting hub.routes.scan-interval-ms must be from 100 to 10000 (a changed message type "
                        + "file takes effect within 10 seconds), got 20000");
        assertThatThrownBy(() -> scanIntervalWith("50")).hasMessageContaining("from 100 to 10000");
        assertThatThrownBy(() -> scanIntervalWith("2s")).hasMessage("Setting hub.routes.scan-interval-ms must be a "
                + "number, got '2s'");
    }
}
