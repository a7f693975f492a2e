package io.integrationhub.inbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.integrationhub.support.RunningHub;
import io.integrationhub.support.Seeds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §3 over HTTP: the seed examples delivered to a real ticketing stand-in, and every 4xx answer. */
abstract class CreateMessageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NEW_MESSAGE = "/api/Tickets/NewMessage";

    @TempDir
    static Path data;
    static WireMockServer ticketing;
    static RunningHub hub;

    @BeforeAll
    static void start() {
        ticketing = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        ticketing.start();
        hub = RunningHub.start(RunningHub.settings(data, ticketing.baseUrl()));
    }

    @AfterAll
    static void stop() {
        hub.close();
        ticketing.stop();
    }

    @BeforeEach
    void resetTarget() {
        // Several tests post asynchronous messages and do not wait for them; one delivered late would be counted
        // by the next test's target, so each test starts once the previous ones' deliveries have settled.
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.queryLong(
                "SELECT COUNT(*) FROM hub_message WHERE status IN ('queued', 'processing', 'retrying')") == 0);
        ticketing.resetAll();
        ticketing.stubFor(post(NEW_MESSAGE).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json; charset=utf-8").withBody("{\"TicketMessageId\":4711}")));
    }

    @Test
    void asynchronousSeedExampleIsDeliveredToTicketing() throws Exception {
        HttpResponse<String> response = hub.post("application/json", Seeds.JSON);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode receipt = JSON.readTree(response.body());
        assertThat(receipt.get("status").asText()).isEqualTo("queued");
        assertThat(receipt.get("message_type").asText()).isEqualTo("Inbound Automize Incident");
        assertThat(receipt.get("integrationmode").asText()).isEqualTo("asynchronous");
        assertThat(receipt.get("correlation_id").asText()).isEqualTo("5d3b0b079721ae10b2ddfbf0f053af2d");
        assertThat(receipt.get("external_reference").asText()).isEqualTo("INC00001001");
        assertThat(receipt.get("received_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        String id = receipt.get("message_id").asText();

        await().atMost(Duration.ofSeconds(10)).until(() -> !ticketing.findAll(
                postRequestedFor(urlEqualTo(NEW_MESSAGE))).isEmpty());
        LoggedRequest sent = ticketing.findAll(postRequestedFor(urlEqualTo(NEW_MESSAGE))).get(0);
        assertThat(sent.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(sent.getHeader("Authorization")).isEqualTo("Basic dGVzdDp0aWNrZXRpbmc=");
        JsonNode body = JSON.readTree(sent.getBodyAsString());
        assertThat(body.get("TicketREF").asText()).isEqualTo("INC00001001");
        assertThat(body.get("Message").asText()).isEqualTo("Printer is not working\nUrgency: 3\nImpact: 3");
        assertThat(body.get("Html").isBoolean()).isTrue();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode status = JSON.readTree(hub.get(RunningHub.CREATE_MESSAGE.replace("CreateMessage", "messages/")
                    + id, "Automize", "automize-secret").body());
            assertThat(status.get("status").asText()).isEqualTo("processed");
            assertThat(status.get("target_reference").asText()).isEqualTo("4711");
            assertThat(status.get("attempts").asInt()).isEqualTo(1);
        });
    }

    @Test
    void synchronousSeedXmlIsAnsweredWithTheTicketMessageId() throws Exception {
        HttpResponse<String> response = hub.post("application/xml", Seeds.XML);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/xml");
        assertThat(response.body()).startsWith("<CreateMessageResponse><message_id>")
                .contains("<status>processed</status><target>ticketing</target><target_status>200</target_status>"
                        + "<target_reference>4711</target_reference>"
                        + "<target_response>{\"TicketMessageId\":4711}</target_response></CreateMessageResponse>");
        assertThat(ticketing.findAll(postRequestedFor(urlEqualTo(NEW_MESSAGE)))).hasSize(1);
    }

    @Test
    void synchronousJsonAnswerCarriesTheParsedTargetResponse() throws Exception {
        HttpResponse<String> response = hub.post("application/json",
                Seeds.json("synchronous", "sync-json-1", "Printer is not working"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.get("status").asText()).isEqualTo("processed");
        assertThat(answer.get("target").asText()).isEqualTo("ticketing");
        assertThat(answer.get("target_status").asInt()).isEqualTo(200);
        assertThat(answer.get("target_reference").asText()).isEqualTo("4711");
        assertThat(answer.get("target_response").get("TicketMessageId").asInt()).isEqualTo(4711);
        assertThat(hub.queryString("SELECT status FROM hub_message WHERE id = ?", answer.get("message_id").asText()))
                .isEqualTo("processed");
    }

    @Test
    void jsonAndXmlFormsOfOneMessageProduceByteIdenticalRequests() {
        assertThat(hub.post("application/xml", Seeds.XML).statusCode()).isEqualTo(200);
        assertThat(hub.post("application/json", Seeds.JSON.replace("\"asynchronous\"", "\"synchronous\""))
                .statusCode()).isEqualTo(200);

        List<LoggedRequest> sent = ticketing.findAll(postRequestedFor(urlEqualTo(NEW_MESSAGE)));
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).getBody()).isEqualTo(sent.get(1).getBody());
        assertThat(sent.get(0).getBodyAsString()).isEqualTo(
                "{\"TicketREF\":\"INC00001001\",\"Message\":\"Printer is not working\\nUrgency: 3\\nImpact: 3\","
                        + "\"Html\":false}");
    }

    @Test
    void answersInTheFormatAcceptAsksFor() throws Exception {
        HttpResponse<String> response = hub.post("application/xml", Seeds.XML, Map.of(
                "Authorization", RunningHub.basic("Automize", "automize-secret"), "Accept", "application/json"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(JSON.readTree(response.body()).get("target_reference").asText()).isEqualTo("4711");
    }

    @Test
    void acceptsQualitiesPickTheAnswersFormatNotTheirOrder() throws Exception {
        Map<String, String> preferXml = Map.of("Authorization", RunningHub.basic("Automize", "automize-secret"),
                "Accept", "application/json;q=0.1, application/xml;q=0.9");
        HttpResponse<String> xml = hub.post("application/json", Seeds.JSON, preferXml);
        Map<String, String> equal = Map.of("Authorization", RunningHub.basic("Automize", "automize-secret"),
                "Accept", "application/json, application/xml");
        HttpResponse<String> asSent = hub.post("application/xml", Seeds.XML, equal);

        assertThat(xml.statusCode()).isEqualTo(202);
        assertThat(xml.headers().firstValue("Content-Type")).hasValue("application/xml");
        assertThat(xml.body()).startsWith("<CreateMessageResponse>");
        assertThat(asSent.headers().firstValue("Content-Type")).hasValue("application/xml");
    }

    @Test
    void partnerIsAuthenticatedByItsIdAsWellAsItsName() {
        HttpResponse<String> response = hub.post("application/json", Seeds.JSON,
                Map.of("Authorization", RunningHub.basic("automize", "automize-secret")));

        assertThat(response.statusCode()).isEqualTo(202);
    }

    @Test
    void theRequestsCredentialsAreNotEchoedInTheAnswer() {
        HttpResponse<String> response = hub.post("application/json", Seeds.JSON);

        assertThat(response.headers().map().keySet()).doesNotContain("authorization", "Authorization");
        assertThat(response.body()).doesNotContain("automize-secret");
    }

    // --- 4xx rows of SPEC §3: each answered with its error body, none stores anything ---

    @Test
    void missingCredentialsAre401WithAChallenge() throws Exception {
        long before = hub.storedMessages();
        HttpResponse<String> response = hub.post("application/json", Seeds.JSON, Map.of());

        assertError(response, 401, "unauthorized");
        assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Basic");
        assertThat(hub.storedMessages()).isEqualTo(before);
    }

    @Test
    void wrongSecretIs401() throws Exception {
        assertError(hub.post("application/json", Seeds.JSON,
                Map.of("Authorization", RunningHub.basic("Automize", "wrong"))), 401, "unauthorized");
        assertError(hub.post("application/json", Seeds.JSON,
                Map.of("Authorization", RunningHub.basic("Nobody", "automize-secret"))), 401, "unauthorized");
        assertError(hub.post("application/json", Seeds.JSON, Map.of("Authorization", "Bearer abc")), 401,
                "unauthorized");
    }

    @Test
    void credentialsAreCheckedBeforeTheContentType() throws Exception {
        assertError(hub.post("text/plain", "hello", Map.of()), 401, "unauthorized");
    }

    @Test
    void unsupportedContentTypeIs415() throws Exception {
        long before = hub.storedMessages();
        assertError(hub.post("text/plain", Seeds.JSON), 415, "unsupported_media_type");
        assertError(hub.post("application/x-www-form-urlencoded", "{}"), 415, "unsupported_media_type");
        assertError(hub.post(null, Seeds.JSON), 415, "unsupported_media_type");
        assertThat(hub.storedMessages()).isEqualTo(before);
    }

    @Test
    void charsetParameterAndTextTypesAreAccepted() {
        assertThat(hub.post("application/json; charset=utf-8", Seeds.JSON).statusCode()).isEqualTo(202);
        assertThat(hub.post("text/json", Seeds.JSON).statusCode()).isEqualTo(202);
        assertThat(hub.post("text/xml; charset=UTF-8", Seeds.XML).statusCode()).isEqualTo(200);
    }

    @Test
    void aLargeBodyUnderTheLimitIsStoredAndDeliveredWhole() throws Exception {
        // 300 KB: parsed on a request thread rather than on the event loop (InboundExchange.LARGE_BODY_BYTES).
        String description = "Printer is not working. " + "The tray jams again. ".repeat(15_000);
        String body = Seeds.json("asynchronous", "large-body", description);

        HttpResponse<String> response = hub.post("application/json", body);

        assertThat(response.statusCode()).isEqualTo(202);
        String id = JSON.readTree(response.body()).get("message_id").asText();
        assertThat(hub.queryLong("SELECT OCTET_LENGTH(body) FROM hub_message WHERE id = ?", id))
                .isEqualTo(body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        await().atMost(Duration.ofSeconds(10)).until(() -> !ticketing.findAll(
                postRequestedFor(urlEqualTo(NEW_MESSAGE))).isEmpty());
        JsonNode sent = JSON.readTree(ticketing.findAll(postRequestedFor(urlEqualTo(NEW_MESSAGE))).get(0)
                .getBodyAsString());
        assertThat(sent.get("Message").asText()).startsWith(description + "\nUrgency: ");
    }

    @Test
    void bodyOverTheLimitIs413() throws Exception {
        long before = hub.storedMessages();
        String big = Seeds.JSON.replace("Printer is not working", "x".repeat(10 * 1024 * 1024));

        assertError(hub.post("application/json", big), 413, "payload_too_large");
        assertThat(hub.storedMessages()).isEqualTo(before);
    }

    @Test
    void eachMissingEnvelopeFieldIs400NamingIt() throws Exception {
        long before = hub.storedMessages();
        for (String field : List.of("payload", "integrationmode", "integrationPartner", "correlation_id",
                "external_action", "external_reference", "message_type")) {
            var body = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(Seeds.JSON);
            body.remove(field);
            HttpResponse<String> response = hub.post("application/json", body.toString());
            JsonNode error = assertError(response, 400, "invalid_body");
            assertThat(error.get("details").toString()).contains(field + " is missing");
        }
        assertThat(hub.storedMessages()).isEqualTo(before);
    }

    @Test
    void eachEmptyEnvelopeFieldIs400() throws Exception {
        for (String field : List.of("integrationmode", "integrationPartner", "correlation_id", "external_action",
                "external_reference", "message_type")) {
            var body = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(Seeds.JSON);
            body.put(field, "");
            JsonNode error = assertError(hub.post("application/json", body.toString()), 400, "invalid_body");
            assertThat(error.get("details").toString()).contains(field + " is empty");
        }
    }

    @Test
    void missingFieldInXmlIs400() throws Exception {
        JsonNode error = assertError(postXmlForJson(
                Seeds.XML.replace("<correlation_id>5d3b0b079721ae10b2ddfbf0f053af2d</correlation_id>", "")), 400,
                "invalid_body");
        assertThat(error.get("details").toString()).contains("correlation_id is missing");
    }

    @Test
    void malformedBodiesAre400() throws Exception {
        long before = hub.storedMessages();
        assertError(hub.post("application/json", "{\"payload\": {"), 400, "invalid_body");
        assertError(hub.post("application/json", ""), 400, "invalid_body");
        assertError(hub.post("application/json", "[1,2]"), 400, "invalid_body");
        assertError(hub.post("application/json", Seeds.JSON + "}"), 400, "invalid_body");
        assertError(hub.post("application/json", Seeds.JSON.replace("\"payload\": {", "\"payload\": \"text\", "
                + "\"x\": {")), 400, "invalid_body");
        assertError(hub.post("application/json", Seeds.JSON.replace("\"update\"", "42")), 400, "invalid_body");
        assertError(postXmlForJson("<CreateMessageRequest><payload>"), 400, "invalid_body");
        assertError(postXmlForJson(Seeds.JSON), 400, "invalid_body");
        assertError(postXmlForJson("<Other/>"), 400, "invalid_body");
        JsonNode mismatched = assertError(postXmlForJson("<CreateMessageRequest><a></b></CreateMessageRequest>"), 400,
                "invalid_body");
        assertThat(mismatched.get("details").get(0).asText()).as("what is wrong, not only where")
                .doesNotStartWith("ParseError").contains("</a>").contains("(line 1, column ");
        assertThat(hub.storedMessages()).isEqualTo(before);
    }

    @Test
    void badIntegrationModeIs400() throws Exception {
        JsonNode error = assertError(hub.post("application/json",
                Seeds.JSON.replace("\"asynchronous\"", "\"sometimes\"")), 400, "invalid_body");
        assertThat(error.get("message").asText()).contains("integrationmode");
    }

    @Test
    void xmlWithADoctypeIs400() throws Exception {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + Seeds.XML.replace("Printer is not working", "&x;");
        HttpResponse<String> response = hub.post("application/xml", xxe);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<code>invalid_body</code>").doesNotContain("root:");
    }

    @Test
    void anotherPartnersNameIs403() throws Exception {
        long before = hub.storedMessages();
        assertError(hub.post("application/json", Seeds.JSON.replace("\"Automize\"", "\"Acme\"")), 403, "forbidden");
        assertThat(hub.storedMessages()).isEqualTo(before);
    }

    @Test
    void unknownMessageTypeIs422ListingTheKnownTypes() throws Exception {
        long before = hub.storedMessages();
        JsonNode error = assertError(hub.post("application/json",
                Seeds.JSON.replace("Inbound Automize Incident", "No Such Type")), 422, "unknown_message_type");
        assertThat(error.get("details").toString()).contains("Inbound Automize Incident");
        assertThat(hub.storedMessages()).isEqualTo(before);
    }

    @Test
    void asynchronousMessageThatCannotBeMappedIs422AndNotStored() throws Exception {
        long before = hub.storedMessages();
        JsonNode error = assertError(hub.post("application/json", Seeds.JSON.replace(
                "\"short_description\": \"Printer is not working\",", "\"short_description\": {\"a\": 1},")),
                422, "mapping_error");
        assertThat(error.get("message").asText()).contains("Message");
        assertThat(hub.storedMessages()).isEqualTo(before);
    }

    @Test
    void synchronousMessageThatCannotBeMappedIs422AndStoredAsFailed() throws Exception {
        JsonNode error = assertError(postXmlForJson(Seeds.XML.replace(
                "<short_description>Printer is not working</short_description>",
                "<short_description><a>1</a></short_description>")), 422, "mapping_error");
        assertThat(hub.queryString("SELECT status FROM hub_message WHERE id = ?",
                error.get("message_id").asText())).isEqualTo("failed");
        assertThat(ticketing.findAll(postRequestedFor(urlEqualTo(NEW_MESSAGE)))).isEmpty();
    }

    @Test
    void errorsComeAsXmlForAnXmlRequest() {
        HttpResponse<String> response = hub.post("application/xml",
                Seeds.XML.replace("Inbound Automize Incident", "No Such Type"));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).startsWith("<Error><code>unknown_message_type</code><message>")
                .contains("<details><detail>").contains("<detail>Inbound Automize Incident</detail>");
    }

    @Test
    void statusOfAnUnknownMessageIs404() throws Exception {
        assertError(hub.get("/api/x_autps_int_app/integration_app/messages/nope", "Automize", "automize-secret"),
                404, "not_found");
    }

    @Test
    void ticketingRefusalOfASynchronousMessageIs502WithTheTargetsAnswer() throws Exception {
        ticketing.stubFor(post(NEW_MESSAGE).withRequestBody(com.github.tomakehurst.wiremock.client.WireMock
                .containing("refuse-me")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"Message\":\"Ticket not found\"}")));

        HttpResponse<String> response = hub.post("application/json",
                Seeds.json("synchronous", "sync-refused", "refuse-me"));

        JsonNode error = assertError(response, 502, "target_rejected");
        assertThat(error.get("target_status").asInt()).isEqualTo(400);
        assertThat(error.get("target_response").get("Message").asText()).isEqualTo("Ticket not found");
        assertThat(hub.queryString("SELECT status FROM hub_message WHERE id = ?", error.get("message_id").asText()))
                .isEqualTo("failed");
        ticketing.verify(1, postRequestedFor(urlEqualTo(NEW_MESSAGE)).withRequestBody(
                equalTo("{\"TicketREF\":\"INC00001001\",\"Message\":\"refuse-me\\nUrgency: 3\\nImpact: 3\","
                        + "\"Html\":false}")));
    }

    private static HttpResponse<String> postXmlForJson(String xml) {
        return hub.post("application/xml", xml, Map.of("Authorization", RunningHub.basic("Automize",
                "automize-secret"), "Accept", "application/json"));
    }

    /** Asserts SPEC §3's error body and returns its error object. */
    static JsonNode assertError(HttpResponse<String> response, int status, String code) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        JsonNode error = body.get("error");
        assertThat(error).as(response.body()).isNotNull();
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.get("details").isArray()).isTrue();
        return error;
    }
}
