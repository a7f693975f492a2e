package io.integrationhub.inbound;

import static io.integrationhub.support.TargetStandIn.TICKETING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.integrationhub.support.Envelopes;
import io.integrationhub.support.RouteFilesHub;
import io.integrationhub.support.RunningHub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SPEC §3: the Integration App's other generations — {@code {message_type}/CreateMessage} and
 * {@code message_type/{message_type}/message} — are checked, stored, delivered and answered as CreateMessage is, and
 * a path the hub does not serve gets its error body.
 */
abstract class GenerationsTest {

    static final String BASE = "/api/x_autps_int_app/integration_app";
    static final String INCIDENT = "Inbound Automize Incident";
    static final ObjectNode SEED_PAYLOAD = Envelopes.payload("""
            {"short_description": "Printer is not working", "urgency": 3, "impact": 3, "number": "INC00001001"}""");

    @RegisterExtension
    final RouteFilesHub files = new RouteFilesHub();
    RunningHub hub;

    @BeforeEach
    void start() {
        files.withShipped("inbound-automize-incident.yaml");
        files.write("urgent-incident.yaml", """
                - route:
                    from:
                      uri: "message-type:Urgent Incident"
                      parameters:
                        connector: ticketing
                        mode: synchronous
                      steps:
                        - to:
                            uri: field:TicketREF
                            parameters: {value: "{external_reference}", required: true}
                        - to:
                            uri: field:Message
                            parameters: {value: "{payload.short_description}", required: true}
                """);
        files.write("plain-note.yaml", """
                - route:
                    from:
                      uri: "message-type:Plain Note"
                      parameters:
                        connector: ticketing
                      steps:
                        - to:
                            uri: field:TicketREF
                            parameters: {value: "{payload.number}", required: true}
                        - to:
                            uri: field:Message
                            parameters: {value: "{payload.short_description}", required: true}
                """);
        files.targets().ticketingAccepts();
        hub = files.start();
    }

    @Test
    void theSeedMessageThroughEachPathReachesTheTargetByteForByteAlike() {
        String key = "gen-same";
        String query = "?correlation_id=" + key + "&external_action=create&external_reference=REF-" + key;
        List<HttpResponse<String>> receipts = new ArrayList<>();
        for (boolean xml : List.of(false, true)) {
            String type = xml ? "inbound-automize-incident" : encode(INCIDENT);
            receipts.add(post(BASE + "/CreateMessage", envelope(xml, INCIDENT, key), xml));
            receipts.add(post(BASE + "/" + type + "/CreateMessage", envelope(xml, INCIDENT, key), xml));
            receipts.add(post(BASE + "/message_type/" + type + "/message" + query, payload(xml, SEED_PAYLOAD), xml));
        }

        for (HttpResponse<String> receipt : receipts) {
            assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(202);
            JsonNode json = read(receipt);
            assertThat(json.get("status").asText()).isEqualTo("queued");
            assertThat(json.get("message_type").asText()).isEqualTo(INCIDENT);
            assertThat(json.get("integrationmode").asText()).isEqualTo("asynchronous");
            assertThat(json.get("correlation_id").asText()).isEqualTo(key);
            assertThat(json.get("external_reference").asText()).isEqualTo("REF-" + key);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> files.targets().received(TICKETING).size() == 6);
        List<LoggedRequest> sent = files.targets().received(TICKETING);
        for (LoggedRequest request : sent) {
            assertThat(request.getBody()).isEqualTo(sent.get(0).getBody());
        }
        assertThat(sent.get(0).getBodyAsString()).contains("\"TicketREF\":\"REF-gen-same\"");
    }

    @Test
    void aSecondGenerationMessageWithoutAKeyIsItsOwnKey() {
        HttpResponse<String> receipt = post(BASE + "/message_type/" + encode(INCIDENT) + "/message"
                + "?external_reference=INC1", payload(false, SEED_PAYLOAD), false);

        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(202);
        JsonNode json = read(receipt);
        assertThat(json.get("correlation_id").asText()).isEqualTo(json.get("message_id").asText());
        assertThat(hub.queryString("SELECT correlation_id FROM hub_message WHERE id = ?",
                json.get("message_id").asText())).isEqualTo(json.get("message_id").asText());
        assertThat(hub.queryString("SELECT external_action FROM hub_message WHERE id = ?",
                json.get("message_id").asText())).isEqualTo("create");
    }

    @Test
    void aSecondGenerationMessageNeedsNoQueryAtAll() {
        HttpResponse<String> receipt = post(BASE + "/message_type/plain-note/message", payload(false, SEED_PAYLOAD),
                false);

        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(202);
        JsonNode json = read(receipt);
        assertThat(json.get("external_reference").isNull()).isTrue();
        assertThat(json.get("integrationmode").asText()).as("the type's default mode").isEqualTo("asynchronous");
        await().atMost(Duration.ofSeconds(15)).until(() -> files.targets().received(TICKETING).size() == 1);
        assertThat(files.targets().received(TICKETING).get(0).getBodyAsString())
                .isEqualTo("{\"TicketREF\":\"INC00001001\",\"Message\":\"Printer is not working\"}");
        await().atMost(Duration.ofSeconds(15)).until(() -> "processed".equals(hub.queryString(
                "SELECT status FROM hub_message WHERE id = ?", json.get("message_id").asText())));
    }

    @Test
    void aKeysMessagesArriveInOrderWhicheverGenerationCarriedThem() {
        String key = "gen-order";
        for (int i = 0; i < 8; i++) {
            ObjectNode payload = SEED_PAYLOAD.deepCopy().put("short_description", "message-" + i);
            HttpResponse<String> receipt = i % 2 == 0
                    ? post(BASE + "/CreateMessage", Envelopes.json("asynchronous", INCIDENT, key, payload), false)
                    : post(BASE + "/message_type/inbound-automize-incident/message?correlation_id=" + key
                            + "&external_reference=REF-" + key, payload.toString(), false);
            assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(202);
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> files.targets().received(TICKETING).size() == 8);
        List<String> arrived = files.targets().received(TICKETING).stream()
                .map(r -> read(r.getBodyAsString()).get("Message").asText().split("\n")[0]).toList();
        assertThat(arrived).containsExactly("message-0", "message-1", "message-2", "message-3", "message-4",
                "message-5", "message-6", "message-7");
    }

    @Test
    void aSynchronousTypeIsDeliveredWhileTheSecondGenerationPartnerWaits() {
        HttpResponse<String> answer = post(BASE + "/message_type/urgent-incident/message?correlation_id=u1"
                + "&external_reference=INC-U1", payload(true, SEED_PAYLOAD), true);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode json = read(answer);
        assertThat(json.get("status").asText()).isEqualTo("processed");
        assertThat(json.get("target_reference").asText()).isEqualTo("1");
        assertThat(files.targets().received(TICKETING)).hasSize(1);
        assertThat(files.targets().received(TICKETING).get(0).getBodyAsString())
                .isEqualTo("{\"TicketREF\":\"INC-U1\",\"Message\":\"Printer is not working\"}");
    }

    @Test
    void aSynchronousTypeAnswersAlikeThroughEachPath() {
        String key = "gen-sync";
        String envelope = Envelopes.json("synchronous", "Urgent Incident", key, SEED_PAYLOAD);
        List<HttpResponse<String>> answers = List.of(
                post(BASE + "/CreateMessage", envelope, false),
                post(BASE + "/urgent-incident/CreateMessage", envelope, false),
                post(BASE + "/message_type/" + encode("Urgent Incident") + "/message?correlation_id=" + key
                        + "&external_reference=REF-" + key, payload(false, SEED_PAYLOAD), false));

        for (HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode json = read(answer);
            assertThat(json.get("status").asText()).isEqualTo("processed");
            assertThat(json.get("target").asText()).isEqualTo("ticketing");
            assertThat(json.get("target_status").asInt()).isEqualTo(200);
            assertThat(json.get("target_reference").asText()).isEqualTo("1");
        }
        List<LoggedRequest> sent = files.targets().received(TICKETING);
        assertThat(sent).hasSize(3);
        assertThat(sent).allMatch(r -> java.util.Arrays.equals(r.getBody(), sent.get(0).getBody()));
    }

    @Test
    void theTypeInThePathMustBeTheBodysAndKnown() {
        HttpResponse<String> other = post(BASE + "/" + encode("Urgent Incident") + "/CreateMessage",
                envelope(false, INCIDENT, "gen-other"), false);
        HttpResponse<String> unknown = post(BASE + "/No%20Such%20Type/CreateMessage",
                envelope(false, "No Such Type", "gen-unknown"), false);
        HttpResponse<String> unknownGen2 = post(BASE + "/message_type/no-such-type/message",
                payload(false, SEED_PAYLOAD), false);

        assertThat(other.statusCode()).isEqualTo(400);
        assertThat(read(other).at("/error/code").asText()).isEqualTo("invalid_body");
        assertThat(read(other).at("/error/message").asText()).contains("Urgent Incident");
        for (HttpResponse<String> response : List.of(unknown, unknownGen2)) {
            assertThat(response.statusCode()).isEqualTo(422);
            assertThat(read(response).at("/error/code").asText()).isEqualTo("unknown_message_type");
            assertThat(read(response).at("/error/details").toString()).contains(INCIDENT).contains("Urgent Incident");
        }
        assertThat(hub.storedMessages()).isZero();
    }

    @Test
    void aBodyWithoutItsTypeTakesThePathsAndIsDeliveredSo() {
        ObjectNode envelope = (ObjectNode) read(envelope(false, INCIDENT, "gen-typeless"));
        envelope.remove("message_type");

        HttpResponse<String> receipt = post(BASE + "/inbound-automize-incident/CreateMessage", envelope.toString(),
                false);

        assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(202);
        assertThat(read(receipt).get("message_type").asText()).isEqualTo(INCIDENT);
        await().atMost(Duration.ofSeconds(15)).until(() -> files.targets().received(TICKETING).size() == 1);
    }

    @Test
    void everyErrorOfCreateMessageIsAnsweredOnTheSecondGenerationInTheSameOrder() {
        String gen2 = BASE + "/message_type/" + encode(INCIDENT) + "/message?correlation_id=gen-err";
        String payload = payload(false, SEED_PAYLOAD);

        HttpResponse<String> noCredentials = hub.send(request(gen2, "text/plain", payload, Map.of()));
        HttpResponse<String> wrongType = hub.send(request(gen2, "text/plain", payload, partner()));
        HttpResponse<String> tooLarge = hub.send(request(gen2, "application/json",
                "{\"x\":\"" + "a".repeat(11 * 1024 * 1024) + "\"}", partner()));
        HttpResponse<String> notJson = post(gen2, "{\"short_description\": ", false);
        HttpResponse<String> notAnObject = post(gen2, "[1, 2]", false);
        HttpResponse<String> empty = post(gen2, "{}", false);
        HttpResponse<String> dtd = post(gen2, "<!DOCTYPE x [<!ENTITY e \"e\">]><incident><a>&e;</a></incident>",
                true);
        HttpResponse<String> unmappable = post(BASE + "/message_type/" + encode(INCIDENT) + "/message",
                "{\"urgency\": 1}", false);

        // The order: each request below fails two checks, and the earlier one answers.
        String huge = "{\"x\":\"" + "a".repeat(11 * 1024 * 1024) + "\"";
        String unknownType = BASE + "/message_type/no-such-type/message";
        assertThat(hub.send(request(unknownType, "text/plain", huge, Map.of())).statusCode()).isEqualTo(401);
        assertThat(hub.send(request(unknownType, "text/plain", huge, partner())).statusCode()).isEqualTo(415);
        assertThat(hub.send(request(unknownType, "application/json", huge, partner())).statusCode()).isEqualTo(413);
        assertThat(post(unknownType, "{\"broken\": ", false).statusCode()).isEqualTo(400);
        assertThat(noCredentials.statusCode()).isEqualTo(401);
        assertThat(noCredentials.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(wrongType.statusCode()).isEqualTo(415);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        for (HttpResponse<String> bad : List.of(notJson, notAnObject, empty, dtd)) {
            assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
            assertThat(bad.body()).contains("invalid_body");
        }
        assertThat(unmappable.statusCode()).as(unmappable.body()).isEqualTo(422);
        assertThat(read(unmappable).at("/error/code").asText()).isEqualTo("mapping_error");
        assertThat(hub.storedMessages()).isZero();
    }

    @Test
    void aPartnerCannotPostInAnotherPartnersNameThroughTheTypedPath() {
        String body = envelope(false, INCIDENT, "gen-403").replace("\"Automize\"", "\"Somebody Else\"");

        HttpResponse<String> response = post(BASE + "/" + encode(INCIDENT) + "/CreateMessage", body, false);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(read(response).at("/error/code").asText()).isEqualTo("forbidden");
    }

    @Test
    void anIdempotencyKeyAndADryRunWorkOnTheSecondGenerationToo() {
        String gen2 = BASE + "/message_type/" + encode(INCIDENT) + "/message?correlation_id=gen-idem"
                + "&external_reference=INC-I";
        Map<String, String> headers = new HashMap<>(partner());
        headers.put("Idempotency-Key", "gen-idem-1");

        HttpResponse<String> dry = hub.send(request(gen2, "application/json", payload(false, SEED_PAYLOAD),
                Map.of("Authorization", partner().get("Authorization"), "X-Dry-Run", "true")));
        HttpResponse<String> first = hub.send(request(gen2, "application/json", payload(false, SEED_PAYLOAD),
                headers));
        HttpResponse<String> repeat = hub.send(request(gen2, "application/json", payload(false, SEED_PAYLOAD),
                headers));
        HttpResponse<String> otherQuery = hub.send(request(gen2.replace("INC-I", "INC-J"), "application/json",
                payload(false, SEED_PAYLOAD), headers));

        assertThat(dry.statusCode()).isEqualTo(200);
        assertThat(read(dry).at("/request/body/TicketREF").asText()).isEqualTo("INC-I");
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(repeat.statusCode()).isEqualTo(202);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(otherQuery.statusCode()).as("same key, another request").isEqualTo(409);
        assertThat(hub.storedMessages()).isEqualTo(1);
    }

    @Test
    void anUnknownPathGetsTheErrorBodyNotAPage() {
        HttpResponse<String> json = hub.send(request(BASE + "/NoSuchThing/here", "application/json", "{}",
                partner()));
        HttpResponse<String> xml = hub.send(HttpRequest.newBuilder(URI.create(hub.url("/nowhere")))
                .header("Accept", "application/xml").GET().build());
        HttpResponse<String> ops = hub.get("/api/ops/no-such-thing", "admin", "admin-secret");

        assertThat(json.statusCode()).isEqualTo(404);
        assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(read(json).at("/error/code").asText()).isEqualTo("not_found");
        assertThat(xml.statusCode()).isEqualTo(404);
        assertThat(xml.body()).startsWith("<Error><code>not_found</code>").doesNotContain("<html");
        assertThat(ops.statusCode()).isEqualTo(404);
        assertThat(read(ops).at("/error/code").asText()).isEqualTo("not_found");
    }

    // --- helpers ---

    static String envelope(boolean xml, String type, String key) {
        return xml ? Envelopes.xml("asynchronous", type, key, SEED_PAYLOAD)
                : Envelopes.json("asynchronous", type, key, SEED_PAYLOAD);
    }

    /** The second generation's body: the payload alone, as JSON or as an XML document of its fields. */
    static String payload(boolean xml, ObjectNode payload) {
        if (!xml) {
            return payload.toString();
        }
        String envelope = Envelopes.xml("asynchronous", "x", "x", payload);
        String fields = envelope.substring(envelope.indexOf("<payload>") + 9, envelope.indexOf("</payload>"));
        return "<incident>" + fields + "</incident>";
    }

    HttpResponse<String> post(String path, String body, boolean xml) {
        return hub.send(request(path, xml ? "application/xml" : "application/json", body, Map.of(
                "Authorization", partner().get("Authorization"), "Accept", "application/json")));
    }

    HttpRequest request(String path, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub.url(path)))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        return request.build();
    }

    static Map<String, String> partner() {
        return Map.of("Authorization", RunningHub.basic(RunningHub.PARTNER, RunningHub.SECRET));
    }

    static String encode(String type) {
        return URLEncoder.encode(type, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static JsonNode read(HttpResponse<String> response) {
        return read(response.body());
    }

    static JsonNode read(String json) {
        try {
            return Envelopes.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(json, e);
        }
    }
}
