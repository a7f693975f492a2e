package io.integrationhub.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.integrationhub.support.TargetStandIn.TICKETING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §7 ops API: every filter of the message log, paging, and the ops login. */
abstract class OpsApiTest {

    @TempDir
    static Path data;
    static TargetStandIn targets;
    static RunningHub hub;
    static Instant between;

    @BeforeAll
    static void start() throws Exception {
        targets = new TargetStandIn();
        targets.server().stubFor(post(TICKETING).willReturn(aResponse().withStatus(200)
                .withBody("{\"TicketMessageId\":1}")));
        Map<String, String> settings = RunningHub.settings(data, targets.baseUrl());
        settings.put("hub.partner.acme.secret", "acme-secret");
        hub = RunningHub.start(settings);
        for (int i = 0; i < 5; i++) {
            assertThat(hub.post("application/json", Seeds.json("asynchronous", "ops-key-a", "a" + i)).statusCode())
                    .isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().toEpochMilli()
                > hub.queryLong("SELECT MAX(received_at) FROM hub_message") + 5);
        between = Instant.now();
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(between.plusMillis(5)));
        assertThat(hub.post("application/json", Seeds.json("asynchronous", "ops-key-b", "b")
                .replace("\"external_reference\": \"INC00001001\"", "\"external_reference\": \"INC-B\"")).statusCode()).isEqualTo(202);
        assertThat(hub.post("application/json", Seeds.json("asynchronous", "ops-key-c", "c")
                .replace("\"Automize\"", "\"Acme\""), Map.of("Authorization", RunningHub.basic("Acme",
                "acme-secret"))).statusCode()).isEqualTo(202);
        assertThat(hub.post("application/json", Envelopes.json("asynchronous", "Ticket Message", "ops-key-t",
                Envelopes.payload("{\"TicketREF\":\"T-1\",\"Message\":\"m\"}"))).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.queryLong(
                "SELECT COUNT(*) FROM hub_message WHERE status = 'processed'") == 8);
    }

    @AfterAll
    static void stop() {
        hub.close();
        targets.close();
    }

    private static JsonNode list(String query) throws Exception {
        HttpResponse<String> response = hub.get("/api/ops/messages" + query, "admin", "admin-secret");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Envelopes.JSON.readTree(response.body());
    }

    private static List<String> correlationIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(i -> ids.add(i.get("correlation_id").asText()));
        return ids;
    }

    @Test
    void listsNewestFirstWithTheSpecFields() throws Exception {
        JsonNode page = list("");
        assertThat(page.get("total").asInt()).isEqualTo(8);
        assertThat(correlationIds(page).get(0)).isEqualTo("ops-key-t");
        JsonNode item = page.get("items").get(0);
        for (String field : List.of("message_id", "status", "attempts", "next_attempt_at", "last_error",
                "target_reference", "received_at", "updated_at", "partner", "message_type", "integrationmode",
                "correlation_id", "external_reference", "target")) {
            assertThat(item.has(field)).as(field).isTrue();
        }
        assertThat(item.get("target").asText()).isEqualTo("ticketing");
    }

    @Test
    void filtersByEachField() throws Exception {
        assertThat(list("?status=processed").get("total").asInt()).isEqualTo(8);
        assertThat(list("?status=dead").get("total").asInt()).isZero();
        assertThat(list("?partner=automize").get("total").asInt()).isEqualTo(7);
        assertThat(list("?partner=Automize").get("total").asInt()).as("by the partner's name").isEqualTo(7);
        assertThat(correlationIds(list("?partner=acme"))).containsExactly("ops-key-c");
        assertThat(correlationIds(list("?message_type=Ticket%20Message"))).containsExactly("ops-key-t");
        assertThat(list("?correlation_id=ops-key-a").get("total").asInt()).isEqualTo(5);
        assertThat(correlationIds(list("?external_reference=INC-B"))).containsExactly("ops-key-b");
        assertThat(list("?to=" + between).get("total").asInt()).isEqualTo(5);
        assertThat(list("?from=" + between).get("total").asInt()).isEqualTo(3);
        assertThat(list("?correlation_id=ops-key-a&status=processed&partner=automize").get("total").asInt())
                .isEqualTo(5);
    }

    @Test
    void pagesWithLimitAndOffset() throws Exception {
        JsonNode first = list("?correlation_id=ops-key-a&limit=2");
        JsonNode second = list("?correlation_id=ops-key-a&limit=2&offset=2");
        JsonNode last = list("?correlation_id=ops-key-a&limit=2&offset=4");
        assertThat(first.get("total").asInt()).isEqualTo(5);
        assertThat(first.get("items")).hasSize(2);
        assertThat(second.get("items")).hasSize(2);
        assertThat(last.get("items")).hasSize(1);
        List<String> ids = new ArrayList<>();
        for (JsonNode page : List.of(first, second, last)) {
            page.get("items").forEach(i -> ids.add(i.get("message_id").asText()));
        }
        assertThat(ids).doesNotHaveDuplicates().hasSize(5);
    }

    @Test
    void badParametersAre400() {
        for (String query : List.of("?status=lost", "?limit=0", "?limit=x", "?offset=-1", "?from=yesterday")) {
            HttpResponse<String> response = hub.get("/api/ops/messages" + query, "admin", "admin-secret");
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.body()).contains("invalid_body");
        }
    }

    @Test
    void everyOpsCallNeedsTheOpsUser() {
        for (String path : List.of("/api/ops/messages", "/api/ops/dead-letters", "/api/ops/stats", "/ops",
                "/api/ops/messages/x")) {
            assertThat(hub.get(path, null, null).statusCode()).as(path).isEqualTo(401);
            assertThat(hub.get(path, "Automize", "automize-secret").statusCode()).as(path).isEqualTo(401);
            assertThat(hub.get(path, "admin", "nope").statusCode()).as(path).isEqualTo(401);
        }
        assertThat(hub.get("/api/ops/messages/x", "admin", "admin-secret").statusCode()).isEqualTo(404);
    }

    @Test
    void oneMessageShowsItsAttemptLog() throws Exception {
        String id = list("?message_type=Ticket%20Message").get("items").get(0).get("message_id").asText();
        JsonNode message = Envelopes.JSON.readTree(hub.get("/api/ops/messages/" + id, "admin", "admin-secret")
                .body());
        assertThat(message.get("attempts").asInt()).isEqualTo(1);
        JsonNode attempt = message.get("attempt_log").get(0);
        assertThat(attempt.get("outcome").asText()).isEqualTo("delivered");
        assertThat(attempt.get("target_status").asInt()).isEqualTo(200);
        assertThat(attempt.get("target_answer").asText()).contains("TicketMessageId");
        assertThat(attempt.get("at").asText()).endsWith("Z");
    }
}
