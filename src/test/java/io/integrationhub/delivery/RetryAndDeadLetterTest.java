package io.integrationhub.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.integrationhub.support.TargetStandIn.TICKETING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhub.support.Envelopes;
import io.integrationhub.support.RunningHub;
import io.integrationhub.support.Seeds;
import io.integrationhub.support.TargetStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §4 retries and the dead-letter channel, and the ops API that lists and replays dead letters. */
abstract class RetryAndDeadLetterTest {

    @TempDir
    Path data;
    TargetStandIn targets;
    RunningHub hub;
    Map<String, String> settings;

    @BeforeEach
    void start() {
        targets = new TargetStandIn();
        settings = RunningHub.settings(data, targets.baseUrl());
        settings.put("hub.retry.initial-delay-ms", "300");
        settings.put("hub.retry.multiplier", "3.0");
        settings.put("hub.retry.max-attempts", "4");
        hub = RunningHub.start(settings);
    }

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
        targets.close();
    }

    private String postAsync(String key, String description) throws Exception {
        HttpResponse<String> response = hub.post("application/json", Seeds.json("asynchronous", key, description));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return Envelopes.JSON.readTree(response.body()).get("message_id").asText();
    }

    private JsonNode ops(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub.url(path)))
                .header("Authorization", RunningHub.basic("admin", "admin-secret"));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = hub.send(request.build());
        JsonNode json = response.body().isEmpty() ? Envelopes.JSON.createObjectNode()
                : Envelopes.JSON.readTree(response.body());
        ((com.fasterxml.jackson.databind.node.ObjectNode) json).put("_status", response.statusCode());
        return json;
    }

    private JsonNode message(String id) throws Exception {
        return ops("GET", "/api/ops/messages/" + id, null);
    }

    @Test
    void twoServerErrorsThenSuccessIsDeliveredOnTheThirdAttemptWithGrowingDelays() throws Exception {
        var wm = targets.server();
        wm.stubFor(post(TICKETING).inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("once"));
        wm.stubFor(post(TICKETING).inScenario("flaky").whenScenarioStateIs("once")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("twice"));
        wm.stubFor(post(TICKETING).inScenario("flaky").whenScenarioStateIs("twice")
                .willReturn(aResponse().withStatus(200).withBody("{\"TicketMessageId\":5}")));
        String id = postAsync("flaky-key", "flaky");

        await().atMost(Duration.ofSeconds(15)).until(() -> message(id).get("status").asText().equals("processed"));

        JsonNode m = message(id);
        assertThat(m.get("attempts").asInt()).isEqualTo(3);
        assertThat(m.get("target_reference").asText()).isEqualTo("5");
        JsonNode log = m.get("attempt_log");
        assertThat(log).hasSize(3);
        assertThat(log.get(0).get("outcome").asText()).isEqualTo("transient");
        assertThat(log.get(0).get("target_status").asInt()).isEqualTo(503);
        assertThat(log.get(2).get("outcome").asText()).isEqualTo("delivered");
        long first = Instant.parse(log.get(0).get("at").asText()).toEpochMilli();
        long second = Instant.parse(log.get(1).get("at").asText()).toEpochMilli();
        long third = Instant.parse(log.get(2).get("at").asText()).toEpochMilli();
        assertThat(second - first).isGreaterThanOrEqualTo(300);
        assertThat(third - second).isGreaterThanOrEqualTo(900).isGreaterThan(second - first);
        assertThat(targets.received(TICKETING)).hasSize(3);
    }

    @Test
    void permanentAndExhaustedFailuresAreDeadListedAndReplayedAfterTheTargetRecovers() throws Exception {
        var wm = targets.server();
        wm.stubFor(post(TICKETING).withRequestBody(containing("refused")).willReturn(aResponse().withStatus(400)
                .withBody("{\"Message\":\"no such ticket\"}")));
        wm.stubFor(post(TICKETING).withRequestBody(containing("down")).willReturn(aResponse().withStatus(503)));
        String refused = postAsync("dead-1", "refused");
        String down = postAsync("dead-2", "down");

        await().atMost(Duration.ofSeconds(20)).until(() -> message(refused).get("status").asText().equals("dead")
                && message(down).get("status").asText().equals("dead"));
        assertThat(message(refused).get("attempts").asInt()).isEqualTo(1);
        assertThat(message(refused).get("attempt_log").get(0).get("target_answer").asText())
                .contains("no such ticket");
        assertThat(message(down).get("attempts").asInt()).isEqualTo(4);

        JsonNode dead = ops("GET", "/api/ops/dead-letters", null);
        assertThat(dead.get("total").asInt()).isEqualTo(2);
        List<String> listed = new ArrayList<>();
        dead.get("items").forEach(i -> listed.add(i.get("message_id").asText()));
        assertThat(listed).containsExactlyInAnyOrder(refused, down);

        wm.resetAll();
        wm.stubFor(post(TICKETING).willReturn(aResponse().withStatus(200).withBody("{\"TicketMessageId\":9}")));
        JsonNode one = ops("POST", "/api/ops/dead-letters/" + refused + "/replay", null);
        assertThat(one.get("_status").asInt()).isEqualTo(202);
        assertThat(one.get("replayed").asInt()).isEqualTo(1);
        JsonNode many = ops("POST", "/api/ops/dead-letters/replay", "{\"message_ids\": [\"" + down
                + "\", \"no-such-id\"]}");
        assertThat(many.get("replayed").asInt()).isEqualTo(1);
        assertThat(many.get("skipped").toString()).contains("no-such-id");

        await().atMost(Duration.ofSeconds(15)).until(() -> message(refused).get("status").asText()
                .equals("processed") && message(down).get("status").asText().equals("processed"));
        assertThat(message(down).get("attempts").asInt()).isEqualTo(5);
    }

    @Test
    void deadMessagesOfOneKeyReplayedTogetherGoOutInTheOrderTheyWereReceived() throws Exception {
        var wm = targets.server();
        wm.stubFor(post(TICKETING).willReturn(aResponse().withStatus(400).withBody("{\"Message\":\"closed\"}")));
        List<String> ids = new ArrayList<>();
        for (String step : List.of("first", "second", "third")) {
            ids.add(postAsync("bulk-key", "bulk " + step));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ids.stream()
                .allMatch(id -> uncheckedStatus(id).equals("dead")));

        wm.resetAll();
        wm.stubFor(post(TICKETING).willReturn(aResponse().withStatus(200).withBody("{\"TicketMessageId\":3}")));
        JsonNode replay = ops("POST", "/api/ops/dead-letters/replay", "{\"message_ids\": [\"" + ids.get(2)
                + "\", \"" + ids.get(0) + "\", \"" + ids.get(1) + "\"]}");
        assertThat(replay.get("replayed").asInt()).isEqualTo(3);

        await().atMost(Duration.ofSeconds(10)).until(() -> targets.received(TICKETING).size() == 3);
        assertThat(targets.received(TICKETING).stream().map(r -> r.getBodyAsString()
                .replaceAll("(?s).*bulk (\\w+).*", "$1")).toList()).containsExactly("first", "second", "third");
    }

    @Test
    void aReplayedMessageGoesNextBehindTheHeadBeingDeliveredAheadOfTheKeysLaterMessages() throws Exception {
        var wm = targets.server();
        wm.stubFor(post(TICKETING).willReturn(aResponse().withStatus(400).withBody("{\"Message\":\"closed\"}")));
        String early = postAsync("replay-key", "step early end");
        await().atMost(Duration.ofSeconds(10)).until(() -> uncheckedStatus(early).equals("dead"));

        wm.resetAll();
        wm.stubFor(post(TICKETING).willReturn(aResponse().withStatus(200).withBody("{\"TicketMessageId\":4}")));
        wm.stubFor(post(TICKETING).withRequestBody(containing("step head")).willReturn(aResponse().withStatus(200)
                .withBody("{\"TicketMessageId\":5}").withFixedDelay(1500)));
        String head = postAsync("replay-key", "step head end");
        await().atMost(Duration.ofSeconds(5)).until(() -> uncheckedStatus(head).equals("processing"));
        String later = postAsync("replay-key", "step later end");
        // Received before the head it now waits behind: it goes next, before the key's message posted after it.
        assertThat(ops("POST", "/api/ops/dead-letters/" + early + "/replay", null).get("replayed").asInt())
                .isEqualTo(1);

        await().atMost(Duration.ofSeconds(15)).until(() -> List.of(early, head, later).stream()
                .allMatch(id -> uncheckedStatus(id).equals("processed")));
        assertThat(targets.received(TICKETING).stream().map(r -> r.getBodyAsString()
                .replaceAll("(?s).*step (\\w+) end.*", "$1")).toList())
                .containsExactly("head", "early", "later");
    }

    private String uncheckedStatus(String id) {
        try {
            return message(id).get("status").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void replayOfAMessageThatIsNotDeadIs409AndOfAnUnknownOne404() throws Exception {
        targets.server().stubFor(post(TICKETING).willReturn(aResponse().withStatus(200)
                .withBody("{\"TicketMessageId\":1}")));
        String id = postAsync("fine", "fine");
        await().atMost(Duration.ofSeconds(10)).until(() -> message(id).get("status").asText().equals("processed"));

        assertThat(ops("POST", "/api/ops/dead-letters/" + id + "/replay", null).get("_status").asInt())
                .isEqualTo(409);
        assertThat(ops("POST", "/api/ops/dead-letters/nope/replay", null).get("_status").asInt()).isEqualTo(404);
        assertThat(ops("DELETE", "/api/ops/messages/" + id, null).get("_status").asInt()).isEqualTo(409);
    }

    @Test
    void laterMessagesOfAKeyWaitForARetryingOneWhileOtherKeysFlow() throws Exception {
        var wm = targets.server();
        wm.stubFor(post(TICKETING).willReturn(aResponse().withStatus(200).withBody("{\"TicketMessageId\":1}")));
        wm.stubFor(post(TICKETING).withRequestBody(containing("held-0")).inScenario("head")
                .whenScenarioStateIs(STARTED).willReturn(aResponse().withStatus(503)).willSetStateTo("failed-once"));
        wm.stubFor(post(TICKETING).withRequestBody(containing("held-0")).inScenario("head")
                .whenScenarioStateIs("failed-once").willReturn(aResponse().withStatus(503))
                .willSetStateTo("failed-twice"));
        wm.stubFor(post(TICKETING).withRequestBody(containing("held-0")).inScenario("head")
                .whenScenarioStateIs("failed-twice").willReturn(aResponse().withStatus(200)
                        .withBody("{\"TicketMessageId\":1}")));

        for (int i = 0; i < 10; i++) {
            postAsync("held-key", "held-" + i + " end");
        }
        // Another key is delivered while the first message of held-key waits for its retries.
        postAsync("free-key", "free-0 end");
        await().atMost(Duration.ofSeconds(5)).until(() -> targets.received(TICKETING).stream()
                .anyMatch(r -> r.getBodyAsString().contains("free-0")));
        assertThat(targets.received(TICKETING).stream().filter(r -> r.getBodyAsString().contains("held-"))
                .map(r -> r.getBodyAsString()).noneMatch(b -> b.contains("held-1 "))).isTrue();

        await().atMost(Duration.ofSeconds(20)).until(() -> hub.queryLong(
                "SELECT COUNT(*) FROM hub_message WHERE status = 'processed' AND correlation_id = 'held-key'") == 10);
        List<String> order = targets.received(TICKETING).stream().map(r -> r.getBodyAsString())
                .filter(b -> b.contains("held-")).map(b -> b.replaceAll("(?s).*(held-\\d+) end.*", "$1")).toList();
        assertThat(order).containsExactly("held-0", "held-0", "held-0", "held-1", "held-2", "held-3", "held-4",
                "held-5", "held-6", "held-7", "held-8", "held-9");
    }

    @Test
    void aRetryPendingWhenTheHubStopsIsDeliveredAfterItStartsAgain() throws Exception {
        targets.server().stubFor(post(TICKETING).willReturn(aResponse().withStatus(503)));
        String id = postAsync("pending", "pending");
        await().atMost(Duration.ofSeconds(10)).until(() -> message(id).get("status").asText().equals("retrying"));
        hub.stop();

        targets.server().resetAll();
        targets.server().stubFor(post(TICKETING).willReturn(aResponse().withStatus(200)
                .withBody("{\"TicketMessageId\":3}")));
        hub = RunningHub.start(settings);

        await().atMost(Duration.ofSeconds(15)).until(() -> message(id).get("status").asText().equals("processed"));
    }

    @Test
    void opsApiNeedsTheOpsUser() {
        assertThat(hub.get("/api/ops/dead-letters", null, null).statusCode()).isEqualTo(401);
        assertThat(hub.get("/api/ops/dead-letters", "Automize", "automize-secret").statusCode()).isEqualTo(401);
        assertThat(hub.get("/api/ops/dead-letters", "admin", "wrong").statusCode()).isEqualTo(401);
        assertThat(hub.get("/api/ops/dead-letters", "admin", "admin-secret").statusCode()).isEqualTo(200);
    }
}
