package io.integrationhub.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.integrationhub.support.OnStore;
import io.integrationhub.support.RunningHub;
import io.integrationhub.support.Seeds;
import io.integrationhub.support.TargetStandIn;
import io.integrationhub.support.TestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hubs on one PostgreSQL keep a circuit each; when one finds the target answering again, the other's circuit
 * closes too. Without that, a hub left with nothing of the lane to try stayed half-open, reporting the lane down.
 */
@OnStore(TestStore.POSTGRESQL)
class CircuitsAcrossInstancesOnPostgresqlTest {

    @TempDir
    Path data;
    TargetStandIn targets;
    RunningHub a;
    RunningHub b;

    @BeforeEach
    void start() {
        targets = new TargetStandIn();
        targets.server().stubFor(post(urlEqualTo(TargetStandIn.TICKETING)).willReturn(aResponse().withStatus(503)));
        // One failure opens a circuit, a second later it tries again.
        Map<String, String> quickCircuit = Map.of("hub.target.ticketing.circuit.failures", "1",
                "hub.target.ticketing.circuit.open-ms", "1000");
        Map<String, String> first = RunningHub.settings(data.resolve("a"), targets.baseUrl());
        first.put("hub.instance.id", "hub-a");
        first.putAll(quickCircuit);
        Map<String, String> second = RunningHub.onTheSameStore(first, data.resolve("b"), targets.baseUrl(), "hub-b");
        second.putAll(quickCircuit);
        a = RunningHub.start(first);
        b = RunningHub.start(second);
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
        targets.close();
    }

    @Test
    void aTargetOneHubFindsAnsweringAgainClosesTheOtherHubsCircuit() {
        // A synchronous message is delivered by the hub that took it in: each opens its own hub's circuit.
        assertThat(a.post("application/json", Seeds.json("synchronous", "down-a", "opens a's circuit")).statusCode())
                .isEqualTo(502);
        assertThat(b.post("application/json", Seeds.json("synchronous", "down-b", "opens b's circuit")).statusCode())
                .isEqualTo(502);
        assertThat(a.laneState("ticketing")).isNotEqualTo("closed");
        assertThat(b.laneState("ticketing")).isNotEqualTo("closed");

        targets.ticketingAccepts();
        assertThat(a.post("application/json", Seeds.json("asynchronous", "back", "one message, one hub's try"))
                .statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(10)).until(() -> targets.received(TargetStandIn.TICKETING).stream()
                .anyMatch(r -> r.getBodyAsString().contains("one message")));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(a.laneState("ticketing")).isEqualTo("closed");
            assertThat(b.laneState("ticketing")).isEqualTo("closed");
        });
    }
}
