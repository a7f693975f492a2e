package io.integrationhub.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhub.support.Envelopes;
import io.integrationhub.support.RunningHub;
import io.integrationhub.support.TargetStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §7 /api/ops/targets: the lanes as ops see them, pause and resume (SPEC §4: a paused lane tries nothing). */
abstract class LanePauseTest {

    @TempDir
    Path data;
    TargetStandIn targets = new TargetStandIn();
    RunningHub hub;

    @BeforeEach
    void start() {
        targets.server().stubFor(post(urlEqualTo(TargetStandIn.TICKETING)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"TicketMessageId\":5}")));
        hub = RunningHub.start(RunningHub.settings(data, targets.baseUrl()));
    }

    @AfterEach
    void stop() {
        hub.close();
        targets.close();
    }

    @Test
    void theTargetsListShowsEveryLaneWithItsStateAndQueue() throws Exception {
        HttpResponse<String> response = hub.get("/api/ops/targets", "admin", "admin-secret");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode lanes = Envelopes.JSON.readTree(response.body());
        assertThat(lanes).extracting(l -> l.get("target").asText())
                .containsExactlyInAnyOrder("ticketing", "superoffice", "itx", "webex");
        for (JsonNode lane : lanes) {
            assertThat(lane.get("state").asText()).isEqualTo("closed");
            assertThat(lane.get("waiting").asLong()).isZero();
            assertThat(lane.get("in_flight").asLong()).isZero();
            assertThat(lane.has("oldest_waiting_at") && lane.get("oldest_waiting_at").isNull()).isTrue();
            assertThat(lane.has("last_error") && lane.has("last_success_at")).isTrue();
        }
    }

    @Test
    void aPausedLaneTriesNothingKillsNothingStaysPausedAfterARestartAndResumeDeliversInOrder() throws Exception {
        HttpResponse<String> paused = ops("POST", "/api/ops/targets/ticketing/pause");
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        assertThat(Envelopes.JSON.readTree(paused.body()).get("state").asText()).isEqualTo("paused");
        for (int i = 0; i < 3; i++) {
            postTicket("paused-key", "paused message-" + i);
        }
        postTicket("other-key", "paused other");

        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> targets.received(TargetStandIn.TICKETING).isEmpty());
        JsonNode lane = ticketingLane();
        assertThat(lane.get("state").asText()).isEqualTo("paused");
        assertThat(lane.get("waiting").asLong()).isEqualTo(4);
        assertThat(lane.get("oldest_waiting_at").isNull()).isFalse();
        assertThat(hub.metric("hub_target_up{target=\"ticketing\"}")).isEqualTo(0.0);
        await().atMost(Duration.ofSeconds(5)).until(() -> hub.metric("hub_lane_waiting{target=\"ticketing\"}") == 4.0);
        // Two heads and two behind paused-key's head: all four queued, whether a head or waiting.
        await().atMost(Duration.ofSeconds(5)).until(() -> hub.metric("hub_queue_depth{status=\"queued\"}") == 4.0);
        assertThat(hub.metric("hub_lane_oldest_seconds{target=\"ticketing\"}")).isGreaterThan(0.0);
        assertThat(hub.health().body()).contains("ticketing paused since");

        HttpResponse<String> synchronous = hub.post("application/json", Envelopes.json("synchronous",
                "Ticket Message", "sync-key", Envelopes.payload("{\"TicketREF\":\"INC-1\",\"Message\":\"sync\"}")));
        assertThat(synchronous.statusCode()).isEqualTo(503);
        assertThat(synchronous.headers().firstValue("Retry-After")).hasValue("60");
        assertThat(Envelopes.JSON.readTree(synchronous.body()).get("error").get("code").asText())
                .isEqualTo("target_unavailable");

        hub.stop();
        hub.start();
        assertThat(ticketingLane().get("state").asText()).as("a pause holds across a restart").isEqualTo("paused");
        await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(3))
                .until(() -> targets.received(TargetStandIn.TICKETING).isEmpty());
        assertThat(hub.queryLong("SELECT COUNT(*) FROM hub_message WHERE status IN ('dead', 'processed') "
                + "AND integration_mode = 'asynchronous'")).isZero();

        HttpResponse<String> resumed = ops("POST", "/api/ops/targets/ticketing/resume");
        assertThat(resumed.statusCode()).isEqualTo(200);
        assertThat(Envelopes.JSON.readTree(resumed.body()).get("state").asText()).isEqualTo("closed");
        await().atMost(Duration.ofSeconds(10)).until(() -> targets.received(TargetStandIn.TICKETING).size() == 4);
        List<String> pausedKey = targets.received(TargetStandIn.TICKETING).stream()
                .map(r -> r.getBodyAsString()).filter(b -> b.contains("paused message-"))
                .map(b -> b.substring(b.indexOf("paused message-"), b.indexOf("paused message-") + 16)).toList();
        assertThat(pausedKey).containsExactly("paused message-0", "paused message-1", "paused message-2");
    }

    @Test
    void aPauseStopsAWorkerGoingThroughOneKeysMessages() throws Exception {
        // Each delivery takes a while, so that the pause falls in the middle of the key's messages. On PostgreSQL a
        // worker takes a key's next message with each outcome; the pause must stop that as it stops the lane's claims.
        targets.server().stubFor(post(urlEqualTo(TargetStandIn.TICKETING)).willReturn(aResponse().withStatus(200)
                .withFixedDelay(300).withHeader("Content-Type", "application/json")
                .withBody("{\"TicketMessageId\":5}")));
        for (int i = 0; i < 8; i++) {
            postTicket("long-key", "long message-" + i);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !targets.received(TargetStandIn.TICKETING).isEmpty());

        assertThat(ops("POST", "/api/ops/targets/ticketing/pause").statusCode()).isEqualTo(200);
        int atPause = targets.received(TargetStandIn.TICKETING).size();

        // The delivery under way when the pause came may finish; no further message of the key is sent.
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> targets.received(TargetStandIn.TICKETING).size() <= atPause + 1);
        int sent = targets.received(TargetStandIn.TICKETING).size();
        assertThat(sent).isLessThan(8);
        assertThat(hub.queryLong("SELECT COUNT(*) FROM hub_message WHERE status = 'queued'")).isEqualTo(8 - sent);

        assertThat(ops("POST", "/api/ops/targets/ticketing/resume").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> targets.received(TargetStandIn.TICKETING).size() == 8);
        List<String> order = targets.received(TargetStandIn.TICKETING).stream().map(r -> r.getBodyAsString())
                .map(b -> b.substring(b.indexOf("long message-"), b.indexOf("long message-") + 14)).toList();
        assertThat(order).containsExactly("long message-0", "long message-1", "long message-2", "long message-3",
                "long message-4", "long message-5", "long message-6", "long message-7");
    }

    @Test
    void anUnknownTargetIs404AndTheTargetsNeedTheOpsUser() throws Exception {
        HttpResponse<String> unknown = ops("POST", "/api/ops/targets/nowhere/pause");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Envelopes.JSON.readTree(unknown.body()).get("error").get("code").asText()).isEqualTo("not_found");

        assertThat(hub.get("/api/ops/targets", null, null).statusCode()).isEqualTo(401);
        assertThat(hub.get("/api/ops/targets", RunningHub.PARTNER, RunningHub.SECRET).statusCode()).isEqualTo(401);
        HttpResponse<String> anonymousPause = hub.send(HttpRequest.newBuilder(URI.create(
                hub.url("/api/ops/targets/ticketing/pause"))).POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(anonymousPause.statusCode()).isEqualTo(401);
        assertThat(ticketingLane().get("state").asText()).isEqualTo("closed");
    }

    private void postTicket(String key, String text) {
        HttpResponse<String> receipt = hub.post("application/json", Envelopes.json("asynchronous", "Ticket Message",
                key, Envelopes.payload("{\"TicketREF\":\"INC-1\",\"Message\":\"" + text + "\"}")));
        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(202);
    }

    private JsonNode ticketingLane() throws Exception {
        for (JsonNode lane : Envelopes.JSON.readTree(hub.get("/api/ops/targets", "admin", "admin-secret").body())) {
            if (lane.get("target").asText().equals("ticketing")) {
                return lane;
            }
        }
        throw new AssertionError("no ticketing lane");
    }

    private HttpResponse<String> ops(String method, String path) {
        return hub.send(HttpRequest.newBuilder(URI.create(hub.url(path)))
                .header("Authorization", RunningHub.basic("admin", "admin-secret"))
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

}
