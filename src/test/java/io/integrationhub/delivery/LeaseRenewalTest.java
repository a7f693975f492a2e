package io.integrationhub.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.integrationhub.support.TargetStandIn.TICKETING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.integrationhub.support.RunningHub;
import io.integrationhub.support.Seeds;
import io.integrationhub.support.TargetStandIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §4: a claim expires unless renewed. A delivery that outlasts the lease keeps its claim while it runs: without
 * renewal the dispatcher would see the claim expired and send the message a second time while the first is in flight.
 */
abstract class LeaseRenewalTest {

    @TempDir
    Path data;

    @Test
    void aDeliveryLongerThanTheLeaseIsSentOnce() {
        try (TargetStandIn target = new TargetStandIn()) {
            target.server().stubFor(post(TICKETING).willReturn(aResponse().withStatus(200).withFixedDelay(2500)
                    .withHeader("Content-Type", "application/json").withBody("{\"TicketMessageId\":3}")));
            Map<String, String> settings = new HashMap<>(RunningHub.settings(data, target.baseUrl()));
            settings.put("hub.worker.lease-ms", "600");
            try (RunningHub hub = RunningHub.start(settings)) {
                assertThat(hub.post("application/json", Seeds.json("asynchronous", "slow-key", "slow target"))
                        .statusCode()).isEqualTo(202);

                await().atMost(Duration.ofSeconds(20)).until(() -> hub.queryLong(
                        "SELECT COUNT(*) FROM hub_message WHERE status = 'processed'") == 1);

                assertThat(target.received(TICKETING)).as("the claim was renewed, not taken over").hasSize(1);
                assertThat(hub.queryLong("SELECT attempts FROM hub_message")).isEqualTo(1);
            }
        }
    }
}
