package io.integrationhub.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.integrationhub.support.TargetStandIn.TICKETING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhub.support.Envelopes;
import io.integrationhub.support.RunningHub;
import io.integrationhub.support.Seeds;
import io.integrationhub.support.TargetStandIn;
import io.integrationhub.support.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §7 notifications: signed events reach a receiver that checks the signature, at least once and exactly once
 * taken, across a restart, around a lane's outage, and a receiver that hangs holds no delivery up.
 */
abstract class NotificationsTest {

    @TempDir
    Path data;
    TargetStandIn targets;
    WebhookReceiver receiver;
    RunningHub hub;

    @BeforeEach
    void start() throws Exception {
        byte[] key = new byte[24];
        new SecureRandom().nextBytes(key);
        String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        receiver = new WebhookReceiver(secret);
        targets = new TargetStandIn();
        Map<String, String> settings = RunningHub.settings(data, targets.baseUrl());
        settings.put("hub.notify.url", receiver.url());
        settings.put("hub.notify.secret", secret);
        settings.put("hub.public-url", "https://hub.example.com/");
        settings.put("hub.target.ticketing.circuit.failures", "2");
        settings.put("hub.target.ticketing.circuit.open-ms", "300");
        settings.put("hub.retry.max-attempts", "6");
        hub = RunningHub.start(settings);
    }

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
        targets.close();
        receiver.close();
    }

    @Test
    void aDeadMessageIsToldOnceSignedAndTriedAgainUntilTheReceiverTakesIt() throws Exception {
        targets.server().stubFor(post(TICKETING).willReturn(aResponse().withStatus(400)
                .withBody("{\"Message\":\"closed\"}")));
        AtomicInteger answers = new AtomicInteger();
        receiver.answer(() -> answers.incrementAndGet() <= 2 ? 500 : 204);
        String id = send("dead-key", "refused");

        await().atMost(Duration.ofSeconds(15)).until(() -> taken().size() == 1);
        List<WebhookReceiver.Received> tries = receiver.received();
        assertThat(tries).hasSize(3).allMatch(WebhookReceiver.Received::signatureValid)
                .extracting(WebhookReceiver.Received::answered).containsExactly(500, 500, 204);
        assertThat(tries).extracting(WebhookReceiver.Received::id).containsOnly(tries.get(0).id())
                .allMatch(webhookId -> webhookId.startsWith("msg_"));
        assertThat(tries.get(0).body()).isEqualTo(tries.get(2).body());
        JsonNode event = Envelopes.JSON.readTree(tries.get(2).body());
        assertThat(event.get("type").asText()).isEqualTo("message.dead");
        assertThat(event.get("at").asText()).endsWith("Z");
        assertThat(event.get("target").asText()).isEqualTo("ticketing");
        assertThat(event.get("link").asText()).isEqualTo("https://hub.example.com/ops#/messages/" + id);
        JsonNode message = event.get("message");
        assertThat(message.get("message_id").asText()).isEqualTo(id);
        assertThat(message.get("partner").asText()).isEqualToIgnoringCase("Automize");
        assertThat(message.get("correlation_id").asText()).isEqualTo("dead-key");
        assertThat(message.get("target").asText()).isEqualTo("ticketing");
        assertThat(message.get("attempts").asInt()).isEqualTo(1);
        assertThat(message.get("target_status").asInt()).isEqualTo(400);
        assertThat(message.get("last_error").asText()).contains("400");
        assertThat(message.has("message_type")).isTrue();
        assertThat(message.has("external_reference")).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> hub.queryLong(
                "SELECT COUNT(*) FROM hub_notification WHERE sent_at IS NOT NULL AND next_attempt_at IS NULL") == 1);
        assertThat(receiver.received()).hasSize(3); // taken once: not sent again
    }

    @Test
    void anEventStillPendingWhenTheHubStopsIsSentAfterItStartsAgain() throws Exception {
        targets.server().stubFor(post(TICKETING).willReturn(aResponse().withStatus(400)));
        receiver.answer(() -> 503);
        String id = send("restart-key", "refused");
        await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.received().isEmpty());
        hub.stop();

        receiver.answer(() -> 200);
        hub.start();
        await().atMost(Duration.ofSeconds(15)).until(() -> taken().size() == 1);
        assertThat(Envelopes.JSON.readTree(taken().get(0).body()).get("message").get("message_id").asText())
                .isEqualTo(id);
    }

    @Test
    void aTryTheStopCutShortIsSentAgainAtOnceAfterTheHubStarts() throws Exception {
        targets.server().stubFor(post(TICKETING).willReturn(aResponse().withStatus(400)));
        receiver.hang();
        String id = send("cut-key", "refused");
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1); // the sender now waits
        hub.stop(); // while the try is in flight: it is due again, not held for its take's minute

        receiver.answer(() -> 200);
        receiver.release();
        hub.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> taken().size() == 1);
        assertThat(Envelopes.JSON.readTree(taken().get(0).body()).get("message").get("message_id").asText())
                .isEqualTo(id);
    }

    @Test
    void aLaneIsToldDownWhenItsCircuitOpensAndUpWhenTheTargetAnswersAgain() throws Exception {
        var wm = targets.server();
        wm.stubFor(post(TICKETING).willReturn(aResponse().withStatus(503)));
        send("outage-a", "first");
        send("outage-b", "second");
        await().atMost(Duration.ofSeconds(10)).until(() -> types().contains("lane.down"));

        wm.resetAll();
        wm.stubFor(post(TICKETING).willReturn(aResponse().withStatus(200).withBody("{\"TicketMessageId\":1}")));
        await().atMost(Duration.ofSeconds(15)).until(() -> types().contains("lane.up"));
        // lane.down each time the circuit opened (a failed trial opens it again), then lane.up once it closed.
        assertThat(types()).first().isEqualTo("lane.down");
        assertThat(types()).last().isEqualTo("lane.up");
        assertThat(types()).filteredOn("lane.up"::equals).hasSize(1);
        JsonNode down = Envelopes.JSON.readTree(taken().get(0).body());
        assertThat(down.get("target").asText()).isEqualTo("ticketing");
        assertThat(down.has("message")).isFalse();
        assertThat(down.get("link").asText()).isEqualTo("https://hub.example.com/ops");
    }

    @Test
    void aReceiverThatHangsHoldsNoDeliveryUp() throws Exception {
        receiver.hang();
        var wm = targets.server();
        wm.stubFor(post(TICKETING).willReturn(aResponse().withStatus(200).withBody("{\"TicketMessageId\":1}")));
        wm.stubFor(post(TICKETING).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("refuse"))
                .willReturn(aResponse().withStatus(400)));
        send("hang-first", "refuse this one");
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1); // the sender now waits

        long started = System.nanoTime();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(send("hang-" + i, i % 3 == 0 ? "refuse " + i : "fine " + i));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.queryLong("SELECT COUNT(*) FROM hub_message WHERE "
                + "correlation_id LIKE 'hang-%' AND correlation_id <> 'hang-first' AND status IN ('processed', 'dead')")
                == ids.size());
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        // All delivered while the receiver still holds the sender's first request (it answers nothing until released).
        assertThat(receiver.received()).hasSize(1);
        assertThat(receiver.received().get(0).answered()).isZero();
        System.out.printf("30 messages delivered in %d ms while the notification receiver hung%n", tookMs);
        assertThat(hub.queryLong("SELECT COUNT(*) FROM hub_notification WHERE next_attempt_at IS NOT NULL"))
                .isEqualTo(11); // the first and one per refused message, waiting
        receiver.release();
    }

    @Test
    void aSynchronousMessageThatFailsIsToldAsFailed() throws Exception {
        targets.server().stubFor(post(TICKETING).willReturn(aResponse().withStatus(400)));
        HttpResponse<String> answer = hub.post("application/json", Seeds.json("synchronous", "sync-key", "refused"));
        assertThat(answer.statusCode()).isEqualTo(502);
        String id = Envelopes.JSON.readTree(answer.body()).get("message_id").asText();

        await().atMost(Duration.ofSeconds(10)).until(() -> taken().size() == 1);
        JsonNode event = Envelopes.JSON.readTree(taken().get(0).body());
        assertThat(event.get("type").asText()).isEqualTo("message.failed");
        assertThat(event.get("message").get("message_id").asText()).isEqualTo(id);
        assertThat(event.get("message").get("target_status").asInt()).isEqualTo(400);
    }

    private String send(String key, String description) throws Exception {
        HttpResponse<String> response = hub.post("application/json", Seeds.json("asynchronous", key, description));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return Envelopes.JSON.readTree(response.body()).get("message_id").asText();
    }

    private List<WebhookReceiver.Received> taken() {
        return receiver.received().stream().filter(r -> r.answered() >= 200 && r.answered() < 300).toList();
    }

    private List<String> types() {
        return taken().stream().map(r -> {
            try {
                return Envelopes.JSON.readTree(r.body()).get("type").asText();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
