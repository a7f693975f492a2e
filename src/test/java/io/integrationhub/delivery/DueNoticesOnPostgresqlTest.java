package io.integrationhub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
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
 * Two hubs on one PostgreSQL: a message one of them takes in is picked up by the other at once (LISTEN/NOTIFY), not
 * at its next idle look (500 ms). Hub A only takes messages in (no workers), so every delivery is B's. And each hub
 * counts the other and keeps its share of the group commits in flight, as its metrics show.
 */
@OnStore(TestStore.POSTGRESQL)
class DueNoticesOnPostgresqlTest {

    private static final int MESSAGES = 50;

    @TempDir
    Path data;
    TargetStandIn targets;
    RunningHub intake;
    RunningHub delivering;

    @BeforeEach
    void start() {
        targets = new TargetStandIn();
        targets.ticketingAccepts();
        Map<String, String> a = RunningHub.settings(data.resolve("a"), targets.baseUrl());
        a.put("hub.worker.concurrency", "0");
        a.put("hub.instance.id", "hub-a");
        intake = RunningHub.start(a);
        delivering = RunningHub.start(RunningHub.onTheSameStore(a, data.resolve("b"), targets.baseUrl(), "hub-b"));
    }

    @AfterEach
    void stop() {
        intake.close();
        delivering.close();
        targets.close();
    }

    @Test
    void aMessagePostedToOneHubIsDeliveredByTheOtherWithin200MsAtTheMedian() {
        long[] latencies = new long[MESSAGES];
        for (int i = 0; i < MESSAGES; i++) {
            int delivered = i + 1;
            String mark = "due-message-" + i + "-end";
            long posted = System.currentTimeMillis();
            HttpResponse<String> response = intake.post("application/json",
                    Seeds.json("asynchronous", "due-key-" + i, "due-message-" + i + "-end"));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                    .until(() -> targets.received(TargetStandIn.TICKETING).size() >= delivered);
            List<LoggedRequest> received = targets.received(TargetStandIn.TICKETING);
            LoggedRequest last = received.stream().filter(r -> r.getBodyAsString().contains(mark)).findFirst()
                    .orElseThrow();
            latencies[i] = last.getLoggedDate().getTime() - posted;
        }
        Arrays.sort(latencies);
        assertThat(latencies[MESSAGES / 2]).as("p50 from post to delivery, ms: %s", Arrays.toString(latencies))
                .isLessThan(200);
        // The last outcome is written just after the target answered.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(delivering.queryLong(
                "SELECT COUNT(*) FROM hub_attempt WHERE instance = 'hub-b' AND outcome = 'delivered'"))
                .isEqualTo(MESSAGES));
    }

    @Test
    void aLanePausedOrResumedThroughOneHubIsSoOnTheOtherAtOnce() throws Exception {
        // B also reads the pauses every second: the notice has to beat that, each time.
        for (int round = 0; round < 2; round++) {
            assertThat(ops(intake, "pause").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofMillis(300)).pollInterval(Duration.ofMillis(5))
                    .until(() -> delivering.laneState("ticketing").equals("paused"));
            if (round == 0) {
                for (int i = 0; i < 5; i++) {
                    assertThat(intake.post("application/json", Seeds.json("asynchronous", "paused-key-" + i,
                            "posted while paused")).statusCode()).isEqualTo(202);
                }
                await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(2))
                        .until(() -> targets.received(TargetStandIn.TICKETING).isEmpty());
            }
            assertThat(ops(intake, "resume").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofMillis(300)).pollInterval(Duration.ofMillis(5))
                    .until(() -> delivering.laneState("ticketing").equals("closed"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> targets.received(TargetStandIn.TICKETING).size() == 5);
    }

    private static HttpResponse<String> ops(RunningHub hub, String action) {
        return hub.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(hub.url("/api/ops/targets/ticketing/"
                + action))).header("Authorization", RunningHub.basic("admin", "admin-secret"))
                .method("POST", java.net.http.HttpRequest.BodyPublishers.noBody()).build());
    }

    @Test
    void eachHubCountsTheOtherAndKeepsItsShareOfTheWritersUntilTheOtherStops() {
        // hub.db.writers is 2 by default: two hubs keep one group commit in flight each, one alone both.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(intake.metric("hub_store_instances")).isEqualTo(2.0);
            assertThat(delivering.metric("hub_store_instances")).isEqualTo(2.0);
            assertThat(delivering.metric("hub_store_writers")).isEqualTo(1.0);
        });

        intake.close();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(delivering.metric("hub_store_instances")).isEqualTo(1.0);
            assertThat(delivering.metric("hub_store_writers")).isEqualTo(2.0);
        });
    }
}
