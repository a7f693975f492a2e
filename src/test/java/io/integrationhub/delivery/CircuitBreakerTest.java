package io.integrationhub.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.integrationhub.support.Envelopes;
import io.integrationhub.support.RunningHub;
import io.integrationhub.support.TargetStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §4 circuit breaker per target: an outage spends no retry budget and kills no message; §3 its 503. */
abstract class CircuitBreakerTest {

    private static final Pattern KEY_AND_SEQUENCE = Pattern.compile("outage-key-(\\d+) message-(\\d+)");
    private static final Pattern DOWN_SINCE = Pattern.compile("superoffice (?:open|half-open) since (\\S+?)[\",]");

    @TempDir
    Path data;
    TargetStandIn targets = new TargetStandIn();
    RunningHub hub;

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
        targets.close();
    }

    private RunningHub start(Map<String, String> extra) {
        Map<String, String> settings = RunningHub.settings(data, targets.baseUrl());
        settings.putAll(extra);
        hub = RunningHub.start(settings);
        return hub;
    }

    private void superOfficeAnswers(int status) {
        targets.server().stubFor(post(urlEqualTo(TargetStandIn.SUPEROFFICE)).willReturn(aResponse().withStatus(status)
                .withBody(status == 204 ? "" : "unavailable")));
    }

    @Test
    void anOutageKillsNoMessageAndTheLaneDrainsInOrderWhenTheTargetIsBack() {
        superOfficeAnswers(503);
        start(Map.of("hub.retry.max-attempts", "4", "hub.retry.initial-delay-ms", "200",
                "hub.retry.max-delay-ms", "1000", "hub.target.superoffice.circuit.open-ms", "3000"));
        long outageStarted = System.currentTimeMillis();
        int keys = 6;
        int perKey = 5;
        for (int i = 0; i < perKey; i++) {
            for (int k = 0; k < keys; k++) {
                HttpResponse<String> receipt = hub.post("application/json", Envelopes.json("asynchronous",
                        "SuperOffice Message", "outage-key-" + k, Envelopes.payload(
                                "{\"Content\":\"outage-key-" + k + " message-" + i + "\"}")));
                assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(202);
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> targetUp("superoffice") == 0.0);
        String downSince = downSince();

        // The target stays down for 15 s in all, then answers again; nobody touches the ops API.
        await().pollDelay(Duration.ofMillis(Math.max(1, outageStarted + 15_000 - System.currentTimeMillis())))
                .atMost(Duration.ofSeconds(20)).until(() -> true);
        assertThat(hub.queryLong("SELECT COUNT(*) FROM hub_message WHERE status = 'dead'")).isZero();
        assertThat(downSince()).as("health's 'since' is the outage's start, not the last failed half-open try")
                .isEqualTo(downSince);
        superOfficeAnswers(204);

        await().atMost(Duration.ofSeconds(30)).until(() ->
                hub.queryLong("SELECT COUNT(*) FROM hub_message WHERE status = 'processed'") == keys * perKey);
        assertThat(hub.queryLong("SELECT COUNT(*) FROM hub_message WHERE status = 'dead'")).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> targetUp("superoffice") == 1.0);

        Map<String, List<Integer>> delivered = new HashMap<>();
        List<ServeEvent> events = new ArrayList<>(targets.server().getAllServeEvents());
        events.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
        for (ServeEvent event : events) {
            if (event.getResponse().getStatus() == 204) {
                Matcher m = KEY_AND_SEQUENCE.matcher(event.getRequest().getBodyAsString());
                assertThat(m.find()).isTrue();
                delivered.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(Integer.parseInt(m.group(2)));
            }
        }
        assertThat(delivered).hasSize(keys);
        delivered.forEach((key, order) -> assertThat(order).as("key " + key).containsExactly(0, 1, 2, 3, 4));
    }

    @Test
    void aSynchronousMessageToAnOpenCircuitIsAnswered503AtOnceAndRecordedAsFailed() throws Exception {
        superOfficeAnswers(503);
        start(Map.of("hub.target.superoffice.circuit.failures", "2",
                "hub.target.superoffice.circuit.open-ms", "60000"));
        for (int k = 0; k < 2; k++) {
            hub.post("application/json", Envelopes.json("asynchronous", "SuperOffice Message", "down-" + k,
                    Envelopes.payload("{\"Content\":\"opens the circuit\"}")));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> targetUp("superoffice") == 0.0);
        HttpResponse<String> health = hub.health();
        assertThat(health.statusCode()).as("a target's outage is not the hub's").isEqualTo(200);
        assertThat(health.body()).contains("not delivering: superoffice open since");

        long sent = System.nanoTime();
        String request = Envelopes.json("synchronous", "SuperOffice Message", "sync-key",
                Envelopes.payload("{\"Content\":\"sync while open\"}"));
        HttpResponse<String> response = hub.post("application/json", request, Map.of("Idempotency-Key", "sync-1",
                "Authorization", RunningHub.basic(RunningHub.PARTNER, RunningHub.SECRET)));
        long tookMs = (System.nanoTime() - sent) / 1_000_000;

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(tookMs).isLessThan(1000);
        long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);
        JsonNode error = Envelopes.JSON.readTree(response.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("target_unavailable");
        String id = error.get("message_id").asText();
        JsonNode status = Envelopes.JSON.readTree(hub.get("/api/x_autps_int_app/integration_app/messages/" + id,
                RunningHub.PARTNER, RunningHub.SECRET).body());
        assertThat(status.get("status").asText()).isEqualTo("failed");
        assertThat(targets.received(TargetStandIn.SUPEROFFICE))
                .noneMatch(r -> r.getBodyAsString().contains("sync while open"));

        HttpResponse<String> repeat = hub.post("application/json", request, Map.of("Idempotency-Key", "sync-1",
                "Authorization", RunningHub.basic(RunningHub.PARTNER, RunningHub.SECRET)));
        assertThat(repeat.statusCode()).isEqualTo(503);
        assertThat(repeat.body()).isEqualTo(response.body());
        assertThat(repeat.headers().firstValue("Retry-After")).as("the repeat's headers are the first answer's")
                .contains(String.valueOf(retryAfter));
    }

    @Test
    void aThrottledTargetPausesItsWholeLaneForRetryAfterAndNoOtherLane() {
        targets.server().stubFor(post(urlEqualTo(TargetStandIn.TICKETING)).inScenario("rate")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("served")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")));
        targets.server().stubFor(post(urlEqualTo(TargetStandIn.TICKETING)).inScenario("rate")
                .whenScenarioStateIs("served").willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json").withBody("{\"TicketMessageId\":7}")));
        superOfficeAnswers(204);
        start(Map.of("hub.retry.initial-delay-ms", "100"));

        postTicket("throttled-a");
        await().atMost(Duration.ofSeconds(5)).until(() -> targets.received(TargetStandIn.TICKETING).size() == 1);
        long throttledAt = targets.received(TargetStandIn.TICKETING).get(0).getLoggedDate().getTime();
        postTicket("throttled-b");
        hub.post("application/json", Envelopes.json("asynchronous", "SuperOffice Message", "other-lane",
                Envelopes.payload("{\"Content\":\"other lane\"}")));

        await().atMost(Duration.ofSeconds(2)).until(() -> targets.received(TargetStandIn.SUPEROFFICE).size() == 1);
        assertThat(targets.received(TargetStandIn.SUPEROFFICE).get(0).getLoggedDate().getTime() - throttledAt)
                .as("another lane is not paused").isLessThan(1500);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                hub.queryLong("SELECT COUNT(*) FROM hub_message WHERE status = 'processed'") == 3);
        List<Long> ticketingTimes = targets.received(TargetStandIn.TICKETING).stream()
                .map(r -> r.getLoggedDate().getTime()).sorted().toList();
        assertThat(ticketingTimes).hasSize(3);
        assertThat(ticketingTimes.get(1) - throttledAt).as("the lane waited for Retry-After").isGreaterThanOrEqualTo(1900);
        assertThat(hub.queryString("SELECT outcome FROM hub_attempt WHERE attempt_no = 1 AND message_id = "
                + "(SELECT id FROM hub_message WHERE correlation_id = 'throttled-a')")).isEqualTo("rate_limited");
    }

    @Test
    void ratePerSecondSpacesALanesAttemptsAndOnlyThatLanes() {
        targets.server().stubFor(post(urlEqualTo(TargetStandIn.TICKETING)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"TicketMessageId\":7}")));
        superOfficeAnswers(204);
        start(Map.of("hub.target.ticketing.rate-per-second", "5"));

        for (int i = 0; i < 10; i++) {
            postTicket("paced-" + i);
        }
        for (int i = 0; i < 10; i++) {
            hub.post("application/json", Envelopes.json("asynchronous", "SuperOffice Message", "unpaced-" + i,
                    Envelopes.payload("{\"Content\":\"other lane\"}")));
        }

        await().atMost(Duration.ofSeconds(1)).until(() -> targets.received(TargetStandIn.SUPEROFFICE).size() == 10);
        await().atMost(Duration.ofSeconds(10)).until(() -> targets.received(TargetStandIn.TICKETING).size() == 10);
        List<Long> times = targets.received(TargetStandIn.TICKETING).stream()
                .map(r -> r.getLoggedDate().getTime()).sorted().toList();
        assertThat(times.get(9) - times.get(0)).as("10 attempts at 5 a second take 9 intervals of 200 ms")
                .isGreaterThanOrEqualTo(1600);
        // One permit each 200 ms period: two sends may fall at the end of one period and the start of the next, but
        // any six span at least five periods less one.
        for (int i = 5; i < times.size(); i++) {
            assertThat(times.get(i) - times.get(i - 5)).as("no burst").isGreaterThanOrEqualTo(800);
        }
    }

    private void postTicket(String key) {
        HttpResponse<String> receipt = hub.post("application/json", Envelopes.json("asynchronous", "Ticket Message",
                key, Envelopes.payload("{\"TicketREF\":\"INC-1\",\"Message\":\"" + key + "\"}")));
        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(202);
    }

    /** The time health's targets check gives for SuperOffice's outage. */
    private String downSince() {
        Matcher m = DOWN_SINCE.matcher(hub.health().body());
        assertThat(m.find()).as("superoffice named in health").isTrue();
        return m.group(1);
    }

    /** NaN while the series is missing, so that a missing metric never passes for 0. */
    private double targetUp(String target) {
        return hub.metric("hub_target_up{target=\"" + target + "\"}");
    }
}
