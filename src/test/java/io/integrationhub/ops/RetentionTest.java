package io.integrationhub.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.integrationhub.support.TargetStandIn.TICKETING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.integrationhub.support.RunningHub;
import io.integrationhub.support.Seeds;
import io.integrationhub.support.TargetStandIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hub.retention.days: processed messages past it are purged; dead ones stay for ops. */
abstract class RetentionTest {

    @TempDir
    Path data;

    @Test
    void processedMessagesPastRetentionArePurgedAndDeadOnesKept() {
        try (TargetStandIn targets = new TargetStandIn()) {
            targets.server().stubFor(post(TICKETING).willReturn(aResponse().withStatus(200)
                    .withBody("{\"TicketMessageId\":1}")));
            targets.server().stubFor(post(TICKETING).withRequestBody(containing("refuse"))
                    .willReturn(aResponse().withStatus(400)));
            Map<String, String> settings = RunningHub.settings(data, targets.baseUrl());
            // A retention of about a second, checked every 500 ms, so that the test sees it work.
            settings.put("hub.retention.days", String.valueOf(1.0 / 86400));
            settings.put("hub.retention.interval-ms", "500");
            try (RunningHub hub = RunningHub.start(settings)) {
                for (int i = 0; i < 3; i++) {
                    hub.post("application/json", Seeds.json("asynchronous", "ret-" + i, "fine"));
                }
                hub.post("application/json", Seeds.json("asynchronous", "ret-dead", "refuse"));

                await().atMost(Duration.ofSeconds(15)).until(() ->
                        hub.queryLong("SELECT COUNT(*) FROM hub_message WHERE status = 'processed'") == 0
                                && hub.queryLong("SELECT COUNT(*) FROM hub_message WHERE status = 'dead'") == 1);
                assertThat(hub.queryLong("SELECT COUNT(*) FROM hub_attempt a WHERE NOT EXISTS "
                        + "(SELECT 1 FROM hub_message m WHERE m.id = a.message_id)")).isZero();
                assertThat(hub.queryLong("SELECT COUNT(*) FROM hub_attempt")).isEqualTo(1);
            }
        }
    }
}
