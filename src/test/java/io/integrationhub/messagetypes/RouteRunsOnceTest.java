package io.integrationhub.messagetypes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.integrationhub.support.TargetStandIn.TICKETING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.integrationhub.support.Envelopes;
import io.integrationhub.support.RouteFilesHub;
import io.integrationhub.support.RunningHub;
import io.integrationhub.support.Seeds;
import io.integrationhub.support.TargetStandIn;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SPEC §5 "Runs once, off the event loop": a message type's steps run once per message, at receipt, never on the
 * HTTP server's event loop; delivery sends what was mapped then, and a replay maps again with the file in force.
 */
abstract class RouteRunsOnceTest {

    private static final String FILE = """
            - route:
                from:
                  uri: "message-type:%s"
                  parameters:
                    connector: ticketing
                  steps:
            %s
                    - to:
                        uri: field:TicketREF
                        parameters:
                          type: string
                          value: "{external_reference}"
                    - to:
                        uri: field:Message
                        parameters:
                          type: string
                          value: "%s {payload.short_description}"
            """;

    @RegisterExtension
    final RouteFilesHub fixture = new RouteFilesHub();
    TargetStandIn targets;
    RunningHub hub;
    final List<String> warnings = new CopyOnWriteArrayList<>();
    AbstractAppender appender;

    @BeforeEach
    void start() {
        fixture.withShipped("inbound-automize-incident.yaml");
        targets = fixture.targets();
        targets.ticketingAccepts();
    }

    @AfterEach
    void stopCapture() {
        if (appender != null) {
            LoggerContext logs = (LoggerContext) LogManager.getContext(false);
            logs.getConfiguration().getRootLogger().removeAppender(appender.getName());
            logs.updateLoggers();
        }
    }

    private void write(String name, String messageType, String steps, String prefix) {
        fixture.write(name, FILE.formatted(messageType, steps, prefix));
    }

    private void startHub() {
        hub = fixture.start();
    }

    private HttpResponse<String> postType(String messageType, String key, String description) {
        return hub.post("application/json", Envelopes.json("asynchronous", messageType, key,
                Envelopes.payload("{\"short_description\":\"" + description + "\"}")));
    }

    private List<String> ticketMessages() {
        return targets.received(TICKETING).stream().map(r -> r.getBodyAsString()
                .replaceAll("(?s).*\"Message\":\"([^\"]*)\".*", "$1")).toList();
    }

    @Test
    void aSlowStepInOneTypeSlowsNoOtherTypesPosts() throws Exception {
        write("slow.yaml", "Slow Incident", "        - delay:\n            constant: 2000", "slow");
        startHub();
        long before = slowestOfTenPosts();

        List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
        long slowSent = System.nanoTime();
        for (int i = 0; i < 4; i++) {
            String key = "slow-" + i;
            slow.add(CompletableFuture.supplyAsync(() -> postType("Slow Incident", key, "waits")));
        }
        await().atMost(Duration.ofSeconds(2)).until(() -> hub.queryLong(
                "SELECT COUNT(*) FROM hub_message") >= 10 && slow.stream().noneMatch(CompletableFuture::isDone));
        long during = slowestOfTenPosts();

        assertThat(during).as("slowest of ten posts while four slow ones wait (before: %d ms)", before)
                .isLessThan(Math.max(before * 3, 500));
        for (CompletableFuture<HttpResponse<String>> answer : slow) {
            assertThat(answer.get().statusCode()).isEqualTo(202);
        }
        assertThat((System.nanoTime() - slowSent) / 1_000_000).as("the slow type's own posts waited for it")
                .isGreaterThanOrEqualTo(2000);
    }

    private long slowestOfTenPosts() {
        long slowest = 0;
        for (int i = 0; i < 10; i++) {
            long sent = System.nanoTime();
            HttpResponse<String> receipt = hub.post("application/json", Seeds.JSON);
            assertThat(receipt.statusCode()).isEqualTo(202);
            slowest = Math.max(slowest, (System.nanoTime() - sent) / 1_000_000);
        }
        return slowest;
    }

    @Test
    void aLogStepLogsOncePerAsynchronousMessage() throws Exception {
        captureWarnings();
        write("logged.yaml", "Logged Incident", "        - log:\n"
                + "            message: \"mapping ${body[correlation_id]}\"\n"
                + "            loggingLevel: WARN", "logged");
        startHub();

        for (int i = 0; i < 3; i++) {
            assertThat(postType("Logged Incident", "logged-" + i, "once").statusCode()).isEqualTo(202);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> targets.received(TICKETING).size() == 3);
        assertThat(warnings.stream().filter(w -> w.startsWith("mapping logged-")).sorted().toList())
                .containsExactly("mapping logged-0", "mapping logged-1", "mapping logged-2");
    }

    @Test
    void anEditChangesTheMessagesReceivedAfterItNotThoseQueued() throws Exception {
        write("edited.yaml", "Edited Incident", "", "v1");
        startHub();
        ops("POST", "/api/ops/targets/ticketing/pause");
        assertThat(postType("Edited Incident", "edit-a", "before the edit").statusCode()).isEqualTo(202);

        write("edited.yaml", "Edited Incident", "", "v2");
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            HttpResponse<String> receipt = postType("Edited Incident", "edit-b", "after the edit");
            String id = Envelopes.JSON.readTree(receipt.body()).get("message_id").asText();
            return hub.queryString("SELECT mapped FROM hub_message WHERE id = '" + id + "'").contains("v2 after");
        });
        ops("POST", "/api/ops/targets/ticketing/resume");

        await().atMost(Duration.ofSeconds(10)).until(() -> ticketMessages().contains("v1 before the edit")
                && ticketMessages().contains("v2 after the edit"));
        assertThat(ticketMessages()).doesNotContain("v2 before the edit");
    }

    @Test
    void aReplayAfterAFixIsMappedWithTheFixedFile() throws Exception {
        targets.server().stubFor(post(TICKETING).withRequestBody(containing("broken "))
                .willReturn(aResponse().withStatus(400).withBody("{\"Message\":\"refused\"}")));
        write("fixed.yaml", "Fixed Incident", "", "broken");
        startHub();
        String id = Envelopes.JSON.readTree(postType("Fixed Incident", "fix-a", "payload").body())
                .get("message_id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> "dead".equals(
                hub.queryString("SELECT status FROM hub_message WHERE id = '" + id + "'")));

        write("fixed.yaml", "Fixed Incident", "", "fixed");
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            HttpResponse<String> probe = postType("Fixed Incident", "fix-probe", "probe");
            String probeId = Envelopes.JSON.readTree(probe.body()).get("message_id").asText();
            return hub.queryString("SELECT mapped FROM hub_message WHERE id = '" + probeId + "'")
                    .contains("fixed probe");
        });
        assertThat(ops("POST", "/api/ops/dead-letters/" + id + "/replay").statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(10)).until(() -> "processed".equals(
                hub.queryString("SELECT status FROM hub_message WHERE id = '" + id + "'")));
        assertThat(ticketMessages()).contains("fixed payload");
    }

    private HttpResponse<String> ops(String method, String path) {
        return hub.send(HttpRequest.newBuilder(URI.create(hub.url(path)))
                .header("Authorization", RunningHub.basic("admin", "admin-secret"))
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    private void captureWarnings() {
        appender = new AbstractAppender("route-log-capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                if (event.getLevel().isMoreSpecificThan(Level.WARN)) {
                    warnings.add(event.getMessage().getFormattedMessage());
                }
            }
        };
        appender.start();
        LoggerContext logs = (LoggerContext) LogManager.getContext(false);
        logs.getConfiguration().getRootLogger().addAppender(appender, Level.WARN, null);
        logs.updateLoggers();
    }
}
