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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.integrationhub.support.Envelopes;
import io.integrationhub.support.RunningHub;
import io.integrationhub.support.TargetStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §4 lanes: a target that hangs holds only its own lane; a backlog behind one key slows neither the intake nor
 * the other keys; a retry is tried when its time comes.
 */
abstract class LanesTest {

    private static final Pattern MARK = Pattern.compile("mark-([\\w-]+)-end");

    @TempDir
    Path data;
    TargetStandIn targets = new TargetStandIn();
    RunningHub hub;
    /** When each marked message's 202 came back. */
    final Map<String, Long> receipts = new ConcurrentHashMap<>();

    @AfterEach
    void stop() {
        // The stand-in first: it lets go of the hung requests, so the hub's workers stop without waiting them out.
        targets.close();
        if (hub != null) {
            hub.close();
        }
    }

    private void start(Map<String, String> extra) {
        Map<String, String> settings = RunningHub.settings(data, targets.baseUrl());
        settings.putAll(extra);
        hub = RunningHub.start(settings);
    }

    private void superOfficeHangs() {
        targets.server().stubFor(post(urlEqualTo(TargetStandIn.SUPEROFFICE)).willReturn(aResponse().withStatus(204)
                .withFixedDelay(120_000)));
    }

    private void ticketingAndWebexAnswer() {
        targets.server().stubFor(post(urlEqualTo(TargetStandIn.TICKETING)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"TicketMessageId\":9}")));
        targets.server().stubFor(post(urlEqualTo(TargetStandIn.WEBEX)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"response\":{\"code\":1002,\"description\":\"Queued\",\"transid\":\"t-1\"}}")));
    }

    @Test
    void aHungTargetDelaysNoOtherTarget() throws Exception {
        superOfficeHangs();
        ticketingAndWebexAnswer();
        start(Map.of());
        for (int i = 0; i < 40; i++) {
            send("SuperOffice Message", "so-" + i, "{\"Content\":\"mark-so-" + i + "-end\"}");
        }
        // As many SuperOffice requests hang as a lane has workers (8): shared workers would all be stuck now.
        await().atMost(Duration.ofSeconds(10)).until(() -> targets.received(TargetStandIn.SUPEROFFICE).size() >= 8);
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            send("Ticket Message", "t-" + i, "{\"TicketREF\":\"INC-1\",\"Message\":\"mark-t-" + i + "-end\"}");
            others.add("t-" + i);
        }
        for (int i = 0; i < 10; i++) {
            send("Webex Connect Event", "w-" + i, "{\"evtid\":\"1\",\"text\":\"mark-w-" + i + "-end\"}");
            others.add("w-" + i);
        }

        await().atMost(Duration.ofSeconds(20)).until(() ->
                targets.received(TargetStandIn.TICKETING).size() + targets.received(TargetStandIn.WEBEX).size() == 30);
        List<LoggedRequest> delivered = new ArrayList<>(targets.received(TargetStandIn.TICKETING));
        delivered.addAll(targets.received(TargetStandIn.WEBEX));
        assertThat(p95ReceiptToDeliveryMs(delivered)).as("p95 receipt to delivery, ms").isLessThan(3000);
    }

    @Test
    void aRetryIsTriedWhenItsTimeComesNotOnAPoll() {
        targets.server().stubFor(post(urlEqualTo(TargetStandIn.TICKETING)).inScenario("twice")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("once").willReturn(aResponse().withStatus(503)));
        targets.server().stubFor(post(urlEqualTo(TargetStandIn.TICKETING)).inScenario("twice")
                .whenScenarioStateIs("once").willSetStateTo("done").willReturn(aResponse().withStatus(503)));
        targets.server().stubFor(post(urlEqualTo(TargetStandIn.TICKETING)).inScenario("twice")
                .whenScenarioStateIs("done").willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json").withBody("{\"TicketMessageId\":3}")));
        start(Map.of("hub.retry.initial-delay-ms", "200", "hub.retry.multiplier", "2"));

        send("Ticket Message", "retry-key", "{\"TicketREF\":\"INC-1\",\"Message\":\"mark-r-end\"}");

        await().atMost(Duration.ofSeconds(10)).until(() -> targets.received(TargetStandIn.TICKETING).size() == 3);
        List<Long> at = targets.received(TargetStandIn.TICKETING).stream().map(r -> r.getLoggedDate().getTime())
                .sorted().toList();
        assertThat(at.get(1) - at.get(0)).as("second attempt after the first failure, ms").isBetween(200L, 300L);
        assertThat(at.get(2) - at.get(1)).as("third attempt after the second failure, ms").isBetween(400L, 500L);
    }

    @Test
    void aBacklogOnOneKeyBehindAHungTargetSlowsNeitherIntakeNorOtherKeys() throws Exception {
        superOfficeHangs();
        ticketingAndWebexAnswer();
        start(Map.of());
        IntFunction<String> spread = i -> "{\"TicketREF\":\"INC-1\",\"Message\":\"mark-s-" + i + "-end\"}";
        postAll(300, i -> "warm-" + i, spread, "Ticket Message", 0);
        double before = Math.max(postAll(400, i -> "spread-" + i, spread, "Ticket Message", 1_000),
                postAll(400, i -> "spread-" + i, spread, "Ticket Message", 2_000));

        postAll(1_500, i -> "hot-key", i -> "{\"Content\":\"mark-hot-" + i + "-end\"}", "SuperOffice Message", 0);
        assertThat(hub.queryLong("SELECT COUNT(*) FROM hub_message WHERE correlation_id = 'hot-key' "
                + "AND status = 'queued'")).isGreaterThanOrEqualTo(1_499);
        targets.server().resetRequests();
        receipts.clear();
        double after = Math.max(postAll(400, i -> "later-" + i, spread, "Ticket Message", 3_000),
                postAll(400, i -> "later-" + i, spread, "Ticket Message", 4_000));

        assertThat(after).as("intake with the backlog (%.0f/s) against before it (%.0f/s)", after, before)
                .isGreaterThanOrEqualTo(0.8 * before);
        await().atMost(Duration.ofSeconds(20)).until(() -> targets.received(TargetStandIn.TICKETING).size() == 800);
        assertThat(p95ReceiptToDeliveryMs(targets.received(TargetStandIn.TICKETING)))
                .as("p95 receipt to delivery, ms").isLessThan(3000);
    }

    /** Posts {@code n} messages from 8 partners' threads; returns the messages taken in per second. */
    private double postAll(int n, IntFunction<String> key, IntFunction<String> payload, String type, int first)
            throws Exception {
        ExecutorService partners = Executors.newFixedThreadPool(8);
        List<Future<?>> posting = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = first; i < first + n; i++) {
            int m = i;
            posting.add(partners.submit(() -> send(type, key.apply(m), payload.apply(m))));
        }
        for (Future<?> f : posting) {
            f.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        partners.shutdown();
        assertThat(partners.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        return n / seconds;
    }

    private void send(String type, String key, String payload) {
        HttpResponse<String> receipt = hub.post("application/json", Envelopes.json("asynchronous", type, key,
                Envelopes.payload(payload)));
        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(202);
        Matcher m = MARK.matcher(payload);
        if (m.find()) {
            receipts.put(m.group(1), System.currentTimeMillis());
        }
    }

    private long p95ReceiptToDeliveryMs(List<LoggedRequest> delivered) {
        List<Long> waits = new ArrayList<>();
        for (LoggedRequest r : delivered) {
            Matcher m = MARK.matcher(r.getBodyAsString());
            assertThat(m.find()).as(r.getBodyAsString()).isTrue();
            Long receipt = receipts.get(m.group(1));
            if (receipt != null) {
                waits.add(r.getLoggedDate().getTime() - receipt);
            }
        }
        assertThat(waits).isNotEmpty();
        Collections.sort(waits);
        return waits.get((int) Math.ceil(0.95 * waits.size()) - 1);
    }
}
