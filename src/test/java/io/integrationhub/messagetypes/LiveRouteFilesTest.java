package io.integrationhub.messagetypes;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.integrationhub.support.TargetStandIn.TICKETING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.integrationhub.support.RouteFilesHub;
import io.integrationhub.support.RunningHub;
import io.integrationhub.support.Seeds;
import io.integrationhub.support.TargetStandIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SPEC §5: message type files are added, changed and deleted in the running hub; broken files are reported. */
abstract class LiveRouteFilesTest {

    private static final Path SHIPPED = Path.of("routes/message-types/inbound-automize-incident.yaml");
    private static final Duration WITHIN = Duration.ofSeconds(10);

    @RegisterExtension
    final RouteFilesHub fixture = new RouteFilesHub();
    Path routes;
    TargetStandIn targets;
    RunningHub hub;

    @BeforeEach
    void start() {
        routes = fixture.withShipped("inbound-automize-incident.yaml").routes();
        targets = fixture.targets();
        targets.ticketingAccepts();
    }

    private void startHub() {
        hub = fixture.start();
    }

    private int postType(String messageType) {
        return hub.post("application/json", Seeds.JSON.replace("Inbound Automize Incident", messageType)).statusCode();
    }

    private String health() throws Exception {
        HttpResponse<String> response = hub.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                + hub.managementPort() + "/observe/health")).timeout(java.time.Duration.ofSeconds(30)).build());
        return response.body();
    }

    private String shipped() throws IOException {
        return Files.readString(SHIPPED);
    }

    @Test
    void aCopiedFileWithANewMessageTypeIsServedBesideTheOriginal() throws Exception {
        startHub();
        assertThat(postType("Copied Incident")).isEqualTo(422);

        Files.writeString(routes.resolve("copied-incident.yaml"),
                shipped().replace("Inbound Automize Incident", "Copied Incident"));

        await().atMost(WITHIN).until(() -> postType("Copied Incident") == 202);
        assertThat(postType("Inbound Automize Incident")).isEqualTo(202);
    }

    @Test
    void anEditedFileTakesEffect() throws Exception {
        startHub();
        Files.writeString(routes.resolve("inbound-automize-incident.yaml"),
                shipped().replace("value: \"false\"", "value: \"true\""));

        await().atMost(WITHIN).untilAsserted(() -> {
            targets.server().resetRequests();
            assertThat(hub.post("application/xml", Seeds.XML).statusCode()).isEqualTo(200);
            assertThat(targets.received(TICKETING).get(0).getBodyAsString()).contains("\"Html\":true");
        });
    }

    @Test
    void aTypeServesWithoutAGapWhileItsFileIsReplaced() throws Exception {
        startHub();
        java.util.List<Integer> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean posting = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread partner = new Thread(() -> {
            while (posting.get()) {
                statuses.add(postType("Inbound Automize Incident"));
            }
        });
        partner.start();
        try {
            for (String html : java.util.List.of("true", "false", "true")) {
                Files.writeString(routes.resolve("inbound-automize-incident.yaml"),
                        shipped().replace("value: \"false\"", "value: \"" + html + "\""));
                await().atMost(WITHIN).until(() -> String.valueOf(hub.queryString(
                        "SELECT mapped FROM hub_message ORDER BY seq DESC LIMIT 1")).contains("\"Html\":" + html));
            }
        } finally {
            posting.set(false);
            partner.join();
        }

        assertThat(statuses).isNotEmpty().containsOnly(202);
    }

    @Test
    void aDeletedFileRemovesItsType() throws Exception {
        Files.writeString(routes.resolve("copied-incident.yaml"),
                shipped().replace("Inbound Automize Incident", "Copied Incident"));
        startHub();
        assertThat(postType("Copied Incident")).isEqualTo(202);

        Files.delete(routes.resolve("copied-incident.yaml"));

        await().atMost(WITHIN).until(() -> postType("Copied Incident") == 422);
        assertThat(postType("Inbound Automize Incident")).isEqualTo(202);
    }

    @Test
    void brokenFilesAreReportedAndEveryTypeKeepsWorking() throws Exception {
        startHub();
        Files.writeString(routes.resolve("bad-yaml.yaml"), "- route:\n    from: [unclosed\n");
        Files.writeString(routes.resolve("bad-route.yaml"), shipped()
                .replace("Inbound Automize Incident", "Bad Route").replace("connector: ticketing",
                        "connector: nowhere"));

        await().atMost(WITHIN).untilAsserted(() -> assertThat(health())
                .contains("bad-yaml.yaml").contains("bad-route.yaml").contains("\"status\":\"UP\""));
        assertThat(postType("Inbound Automize Incident")).isEqualTo(202);
        assertThat(postType("Bad Route")).isEqualTo(422);
    }

    @Test
    void aBrokenEditKeepsTheLastGoodVersion() throws Exception {
        startHub();
        Files.writeString(routes.resolve("inbound-automize-incident.yaml"),
                shipped().replace("type: boolean", "type: colour"));

        await().atMost(WITHIN).untilAsserted(() -> assertThat(health()).contains("inbound-automize-incident.yaml"));
        assertThat(hub.post("application/xml", Seeds.XML).statusCode()).isEqualTo(200);

        Files.writeString(routes.resolve("inbound-automize-incident.yaml"), shipped());
        await().atMost(WITHIN).untilAsserted(() ->
                assertThat(health()).doesNotContain("inbound-automize-incident.yaml"));
    }

    @Test
    void aCopyThatKeepsTheMessageTypeIsReportedAndTheOriginalServes() throws Exception {
        startHub();
        Files.writeString(routes.resolve("same-type.yaml"), shipped());

        await().atMost(WITHIN).untilAsserted(() -> assertThat(health()).contains("same-type.yaml")
                .contains("already served"));
        assertThat(postType("Inbound Automize Incident")).isEqualTo(202);

        // Once the original is gone, the copy serves the type: it is no longer a duplicate.
        Files.delete(routes.resolve("inbound-automize-incident.yaml"));
        await().atMost(WITHIN).untilAsserted(() -> assertThat(health()).doesNotContain("same-type.yaml"));
        assertThat(postType("Inbound Automize Incident")).isEqualTo(202);
    }

    @Test
    void theHubStartsWithABrokenFilePresent() throws Exception {
        Files.writeString(routes.resolve("bad-yaml.yaml"), "- route: {from: ");
        startHub();

        assertThat(health()).contains("bad-yaml.yaml").contains("\"status\":\"UP\"");
        assertThat(postType("Inbound Automize Incident")).isEqualTo(202);
    }
}
