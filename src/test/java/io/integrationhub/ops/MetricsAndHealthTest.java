package io.integrationhub.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.integrationhub.support.TargetStandIn.TICKETING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.integrationhub.support.RunningHub;
import io.integrationhub.support.Seeds;
import io.integrationhub.support.TargetStandIn;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §7: Prometheus text with the hub's metrics moving by exactly what happened; health follows the store. */
abstract class MetricsAndHealthTest {

    private static final Pattern SAMPLE = Pattern.compile(
            "^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*\\})? "
                    + "(-?[0-9.eE+-]+|NaN|\\+Inf|-Inf)( -?[0-9]+)?$");

    @TempDir
    Path data;
    TargetStandIn targets;
    Server h2;
    RunningHub hub;

    @BeforeEach
    void start() throws Exception {
        targets = new TargetStandIn();
        targets.server().stubFor(post(TICKETING).willReturn(aResponse().withStatus(200)
                .withBody("{\"TicketMessageId\":1}")));
        targets.server().stubFor(post(TICKETING).withRequestBody(containing("refuse"))
                .willReturn(aResponse().withStatus(400)));
        // The store behind a TCP server that the test can stop and start again.
        h2 = Server.createTcpServer("-tcpPort", "0", "-baseDir", data.toString(), "-ifNotExists").start();
        Map<String, String> settings = RunningHub.settings(data, targets.baseUrl());
        settings.put("hub.db.url", "jdbc:h2:tcp://localhost:" + h2.getPort() + "/hub");
        hub = RunningHub.start(settings);
    }

    @AfterEach
    void stop() {
        hub.close();
        h2.stop();
        targets.close();
    }

    private String get(int port, String path) throws Exception {
        return hub.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build()).body();
    }


    /** Parses the exposition text; every line must be a comment or a well-formed sample. */
    private Map<String, Double> metrics() throws Exception {
        Map<String, Double> samples = new HashMap<>();
        for (String line : get(hub.managementPort(), "/observe/metrics").split("\n")) {
            if (line.isBlank() || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertThat(m.matches()).as("a Prometheus sample line: " + line).isTrue();
            samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
        }
        return samples;
    }

    private static double value(Map<String, Double> metrics, String name, String... labels) {
        return metrics.entrySet().stream().filter(e -> e.getKey().startsWith(name + "{") || e.getKey().equals(name))
                .filter(e -> java.util.Arrays.stream(labels).allMatch(l -> e.getKey().contains(l)))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    @Test
    void metricsMoveByExactlyTheDeliveriesAndFailuresThatHappened() throws Exception {
        Map<String, Double> before = metrics();
        assertThat(before.keySet()).anyMatch(k -> k.startsWith("camel_exchanges_total"));
        for (int i = 0; i < 3; i++) {
            assertThat(hub.post("application/json", Seeds.json("asynchronous", "m-ok-" + i, "fine")).statusCode())
                    .isEqualTo(202);
        }
        assertThat(hub.post("application/json", Seeds.json("asynchronous", "m-bad", "refuse")).statusCode())
                .isEqualTo(202);
        assertThat(hub.post("application/json", Seeds.json("synchronous", "m-sync", "fine")).statusCode())
                .isEqualTo(200);
        assertThat(hub.post("application/json", Seeds.JSON.replace("Inbound Automize Incident", "Unknown"))
                .statusCode()).isEqualTo(422);
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.queryLong("SELECT COUNT(*) FROM hub_message "
                + "WHERE status IN ('queued', 'processing', 'retrying')") == 0);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Map<String, Double> after = metrics();
            String ticketing = "target=\"ticketing\"";
            assertThat(value(after, "hub_deliveries_total", ticketing, "outcome=\"delivered\"")
                    - value(before, "hub_deliveries_total", ticketing, "outcome=\"delivered\"")).isEqualTo(4.0);
            assertThat(value(after, "hub_deliveries_total", ticketing, "outcome=\"dead\"")
                    - value(before, "hub_deliveries_total", ticketing, "outcome=\"dead\"")).isEqualTo(1.0);
            assertThat(value(after, "hub_messages_received_total", "partner=\"automize\"", "mode=\"asynchronous\"",
                    "message_type=\"Inbound Automize Incident\"") - value(before, "hub_messages_received_total",
                    "partner=\"automize\"", "mode=\"asynchronous\"")).isEqualTo(4.0);
            assertThat(value(after, "hub_messages_received_total", "mode=\"synchronous\"")
                    - value(before, "hub_messages_received_total", "mode=\"synchronous\"")).isEqualTo(1.0);
            assertThat(value(after, "hub_delivery_seconds_count", ticketing)
                    - value(before, "hub_delivery_seconds_count", ticketing)).isEqualTo(5.0);
            assertThat(value(after, "hub_queue_depth", "status=\"dead\"")).isEqualTo(1.0);
            // Camel's route metrics (the hub's own route policy): one exchange per CreateMessage request, timed.
            String createMessage = "routeId=\"inbound-create-message\"";
            assertThat(value(after, "camel_exchanges_total", createMessage)
                    - value(before, "camel_exchanges_total", createMessage)).isEqualTo(6.0);
            assertThat(value(after, "camel_exchanges_succeeded_total", createMessage)
                    + value(after, "camel_exchanges_failed_total", createMessage)
                    - value(before, "camel_exchanges_succeeded_total", createMessage)
                    - value(before, "camel_exchanges_failed_total", createMessage)).isEqualTo(6.0);
            assertThat(value(after, "camel_route_policy_seconds_count", createMessage)
                    - value(before, "camel_route_policy_seconds_count", createMessage)).isEqualTo(6.0);
            // Every partner answer by status: four 202s, one 200, one 422.
            assertThat(value(after, "hub_inbound_answers_total", "status=\"202\"")
                    - value(before, "hub_inbound_answers_total", "status=\"202\"")).isEqualTo(4.0);
            assertThat(value(after, "hub_inbound_answers_total", "status=\"200\"")
                    - value(before, "hub_inbound_answers_total", "status=\"200\"")).isEqualTo(1.0);
            assertThat(value(after, "hub_inbound_answers_total", "status=\"422\"")
                    - value(before, "hub_inbound_answers_total", "status=\"422\"")).isEqualTo(1.0);
            // An unknown message type creates no series.
            assertThat(after.keySet()).noneMatch(k -> k.contains("Unknown"));
        });
    }

    @Test
    void healthIsDownWhileTheStoreIsUnreachableAndUpWhenItReturns() {
        assertThat(hub.health().statusCode()).isEqualTo(200);

        h2.stop();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> down = hub.health();
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("\"status\":\"DOWN\"").contains("the store does not answer");
        });
        HttpResponse<String> refused = hub.post("application/json", Seeds.json("asynchronous", "down", "x"));
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).contains("\"code\":\"store_unavailable\"");
        // What the alert on refused intake watches.
        await().atMost(Duration.ofSeconds(5)).until(() -> hub.metric("hub_inbound_answers_total{status=\"503\"}") >= 1);

        h2 = restart(h2);
        await().atMost(Duration.ofSeconds(20)).until(() -> hub.health().statusCode() == 200);
        assertThat(hub.post("application/json", Seeds.json("asynchronous", "up-again", "x")).statusCode())
                .isEqualTo(202);
    }

    private Server restart(Server stopped) {
        try {
            return Server.createTcpServer("-tcpPort", String.valueOf(stopped.getPort()), "-baseDir",
                    data.toString(), "-ifNotExists").start();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void healthNamesThisInstanceAndWhatItHolds() {
        // A single hub takes the scheduled jobs' lease at start (the first maintenance run is immediate).
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(hub.health().body())
                .contains("instance test-hub: the store answers (h2); 0 messages claimed; runs the scheduled jobs"));
    }
}
