package io.integrationhub.connectors;

import static io.integrationhub.support.TargetStandIn.ITX;
import static io.integrationhub.support.TargetStandIn.SUPEROFFICE;
import static io.integrationhub.support.TargetStandIn.TICKETING;
import static io.integrationhub.support.TargetStandIn.WEBEX;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.integrationhub.support.Envelopes;
import io.integrationhub.support.HubWithStandIns;
import io.integrationhub.support.RunningHub;
import io.integrationhub.support.TargetStandIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC §5 Dry run: {@code X-Dry-Run: true} answers with the request the target would get, which is the request it
 * does get when the same message is posted for real (credentials as ***); nothing is stored and nothing is sent.
 */
abstract class DryRunTest {

    /** The credentials {@link RunningHub#settings} gives the targets: none may appear in a dry run's answer. */
    static final List<String> SECRETS = List.of("dGVzdDp0aWNrZXRpbmc=", "test-so-ticket", "test-app-token",
            "test-itx-token", "test-webex-key");

    @RegisterExtension
    static final HubWithStandIns HUB = new HubWithStandIns();
    static TargetStandIn targets;
    static RunningHub hub;

    @BeforeEach
    void stubs() {
        hub = HUB.hub();
        targets = HUB.targets();
        ConnectorRequestsTest.stubTargets(targets);
    }

    static Stream<Arguments> shippedTypes() {
        ObjectNode incident = Envelopes.payload("""
                {"short_description": "Printer & scanner down", "urgency": 2, "impact": 3}""");
        return Stream.of(true, false).flatMap(xml -> Stream.of(
                Arguments.of("Inbound Automize Incident", incident, TICKETING, xml),
                Arguments.of("Ticket Message", ConnectorRequestsTest.TICKET_PAYLOAD, TICKETING, xml),
                Arguments.of("SuperOffice Message", ConnectorRequestsTest.SUPEROFFICE_PAYLOAD, SUPEROFFICE, xml),
                Arguments.of("ITX Message", ConnectorRequestsTest.itxPayload(), ITX, xml),
                Arguments.of("Webex Connect Event", ConnectorRequestsTest.WEBEX_PAYLOAD, WEBEX, xml)));
    }

    @ParameterizedTest(name = "{0}, partner XML: {3}")
    @MethodSource("shippedTypes")
    void dryRunShowsTheRequestTheTargetThenReceives(String type, ObjectNode payload, String path, boolean xml)
            throws Exception {
        String key = "dry-" + Integer.toHexString(type.hashCode()) + "-" + xml;
        long stored = hub.storedMessages();

        HttpResponse<String> dry = post(type, key, payload, xml, "true");

        assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
        JsonNode answer = ConnectorRequestsTest.read(dry.body());
        assertThat(answer.get("dry_run").asBoolean()).isTrue();
        assertThat(answer.get("message_type").asText()).isEqualTo(type);
        assertThat(answer.get("target").asText()).isEqualTo(connectorOf(path));
        assertThat(SECRETS).noneMatch(dry.body()::contains);
        assertThat(hub.storedMessages()).as("nothing stored").isEqualTo(stored);
        assertThat(targets.server().getAllServeEvents()).as("nothing sent").isEmpty();

        HttpResponse<String> real = post(type, key, payload, xml, null);
        assertThat(real.statusCode()).as(real.body()).isEqualTo(200);
        assertSameRequest(answer.get("request"), targets.received(path).get(0));
    }

    @Test
    void aFollowUpShowsTheThreadItsKeyAlreadyHas() throws Exception {
        ObjectNode noSession = ConnectorRequestsTest.SUPEROFFICE_PAYLOAD.deepCopy();
        noSession.remove("SessionKey");
        post("SuperOffice Message", "dry-thread", noSession, false, null);

        JsonNode dry = ConnectorRequestsTest.read(post("SuperOffice Message", "dry-thread", noSession, false, "true")
                .body());
        post("SuperOffice Message", "dry-thread", noSession, false, null);

        assertThat(dry.at("/request/body/IncomingMessage/SessionKey").asText()).isEqualTo(hub.queryString(
                "SELECT record_ref FROM hub_external_id WHERE correlation_id = 'dry-thread'"));
        assertSameRequest(dry.get("request"), targets.received(SUPEROFFICE).get(1));
    }

    @Test
    void ticketingInItsXmlFormShowsTheXmlItSends(@TempDir Path xmlData) throws Exception {
        Map<String, String> settings = new HashMap<>(RunningHub.settings(xmlData, targets.baseUrl()));
        settings.put("hub.target.ticketing.format", "xml");
        try (RunningHub xmlHub = RunningHub.start(settings)) {
            String body = Envelopes.json("synchronous", "Ticket Message", "dry-xml",
                    ConnectorRequestsTest.TICKET_PAYLOAD);
            JsonNode dry = ConnectorRequestsTest.read(xmlHub.post("application/json", body,
                    headers("true")).body());
            assertThat(targets.received(TICKETING)).isEmpty();
            assertThat(xmlHub.post("application/json", body).statusCode()).isEqualTo(200);

            assertThat(dry.at("/request/body").asText()).startsWith("<NewMessagePost");
            assertSameRequest(dry.get("request"), targets.received(TICKETING).get(0));
        }
    }

    @Test
    void aDryRunGetsTheFourHundredsARealRequestGetsAndStoresNothing() {
        long stored = hub.storedMessages();
        ObjectNode ticketless = Envelopes.payload("{\"Message\": \"Any news?\"}");

        HttpResponse<String> unknownType = post("No Such Type", "dry-4xx", ticketless, false, "true");
        HttpResponse<String> tooLong = post("Webex Connect Event", "x".repeat(51),
                ConnectorRequestsTest.WEBEX_PAYLOAD, false, "true");
        HttpResponse<String> noTicket = post("Ticket Message", "dry-no-ticket", ticketless, false, "true");

        assertThat(unknownType.statusCode()).isEqualTo(422);
        assertThat(unknownType.body()).contains("unknown_message_type");
        assertThat(tooLong.statusCode()).isEqualTo(422);
        assertThat(tooLong.body()).contains("mapping_error").contains("correlationid").doesNotContain("message_id");
        assertThat(noTicket.statusCode()).isEqualTo(422);
        assertThat(noTicket.body()).contains("mapping_error").contains("TicketREF");
        assertThat(hub.storedMessages()).isEqualTo(stored);
        assertThat(targets.server().getAllServeEvents()).isEmpty();
    }

    @Test
    void aDryRunHeaderThatIsNeitherTrueNorFalseIsRefusedNotSent() {
        long stored = hub.storedMessages();

        HttpResponse<String> yes = post("Webex Connect Event", "dry-yes", ConnectorRequestsTest.WEBEX_PAYLOAD,
                false, "yes");
        HttpResponse<String> no = post("Webex Connect Event", "dry-no", ConnectorRequestsTest.WEBEX_PAYLOAD,
                false, "false");

        assertThat(yes.statusCode()).isEqualTo(400);
        assertThat(yes.body()).contains("invalid_body").contains("X-Dry-Run");
        assertThat(no.statusCode()).as("false is a real message").isEqualTo(200);
        assertThat(hub.storedMessages()).isEqualTo(stored + 1);
        assertThat(targets.received(WEBEX)).hasSize(1);
    }

    @Test
    void aDryRunsIdempotencyKeyIsNotUsedUp() {
        String body = Envelopes.json("asynchronous", "Webex Connect Event", "dry-idem",
                ConnectorRequestsTest.WEBEX_PAYLOAD);
        Map<String, String> dryHeaders = new HashMap<>(headers("true"));
        dryHeaders.put("Idempotency-Key", "dry-idem-1");
        Map<String, String> realHeaders = new HashMap<>(headers(null));
        realHeaders.put("Idempotency-Key", "dry-idem-1");

        assertThat(hub.post("application/json", body, dryHeaders).statusCode()).isEqualTo(200);
        HttpResponse<String> real = hub.post("application/json", body, realHeaders);

        assertThat(real.statusCode()).isEqualTo(202);
        assertThat(real.body()).contains("\"status\":\"queued\"");
    }

    @Test
    void anXmlAnswerCarriesTheRequestAsJsonText() {
        Map<String, String> xmlAnswer = new HashMap<>(headers("true"));
        xmlAnswer.put("Accept", "application/xml");

        HttpResponse<String> dry = hub.post("application/json", Envelopes.json("synchronous",
                "Webex Connect Event", "dry-xml-answer", ConnectorRequestsTest.WEBEX_PAYLOAD), xmlAnswer);

        assertThat(dry.statusCode()).isEqualTo(200);
        assertThat(dry.body()).contains("<dry_run>true</dry_run>").contains("<target>webex</target>")
                .contains("<request>{\"method\":\"POST\"");
    }

    /** The dry run's request against the one the stand-in received: every header, the body or each part. */
    static void assertSameRequest(JsonNode shown, LoggedRequest sent) {
        assertThat(shown.get("method").asText()).isEqualTo(sent.getMethod().getName());
        assertThat(shown.get("url").asText()).isEqualTo(sent.getAbsoluteUrl());
        Iterator<Map.Entry<String, JsonNode>> headers = shown.get("headers").fields();
        while (headers.hasNext()) {
            Map.Entry<String, JsonNode> header = headers.next();
            String received = sent.getHeader(header.getKey());
            String value = header.getValue().asText();
            if (value.equals(TargetRequest.MASK)) {
                assertThat(SECRETS.stream().anyMatch(received::contains) || received.matches("\\d+"))
                        .as(header.getKey() + " carries a credential").isTrue();
            } else if (value.startsWith("multipart/")) {
                assertThat(received).startsWith(value + "; boundary=");
            } else {
                assertThat(received).as(header.getKey()).isEqualTo(value);
            }
        }
        assertThat(sent.getHeaders().keys()).filteredOn(name -> !List.of("Host", "Content-Length", "Connection",
                "User-Agent", "Accept-Encoding").contains(name)).allMatch(shown.get("headers")::has);
        if (shown.has("parts")) {
            List<Request.Part> parts = List.copyOf(sent.getParts());
            assertThat(shown.get("parts")).hasSize(parts.size());
            for (int i = 0; i < parts.size(); i++) {
                JsonNode part = shown.get("parts").get(i);
                Request.Part received = parts.get(i);
                assertThat(received.getName()).isEqualTo(part.get("name").asText());
                String disposition = received.getHeader("Content-Disposition").firstValue();
                if (part.get("filename").isNull()) {
                    assertThat(disposition).doesNotContain("filename=");
                } else {
                    assertThat(disposition).contains("filename=\"" + part.get("filename").asText() + "\"");
                }
                assertThat(received.getHeader("Content-Type").firstValue())
                        .isEqualTo(part.get("content_type").asText());
                assertThat((long) received.getBody().asBytes().length).isEqualTo(part.get("size").asLong());
                if (part.has("body")) {
                    assertThat(ConnectorRequestsTest.read(received.getBody().asString())).isEqualTo(part.get("body"));
                }
            }
        } else if (shown.get("body").isTextual()) {
            assertThat(sent.getBodyAsString()).isEqualTo(shown.get("body").asText());
        } else {
            assertThat(ConnectorRequestsTest.read(sent.getBodyAsString())).isEqualTo(shown.get("body"));
        }
    }

    static HttpResponse<String> post(String type, String key, ObjectNode payload, boolean xml, String dryRun) {
        String body = xml ? Envelopes.xml("synchronous", type, key, payload)
                : Envelopes.json("synchronous", type, key, payload);
        Map<String, String> headers = new HashMap<>(headers(dryRun));
        headers.put("Accept", "application/json");
        return hub.post(xml ? "application/xml" : "application/json", body, headers);
    }

    static Map<String, String> headers(String dryRun) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Authorization", RunningHub.basic(RunningHub.PARTNER, RunningHub.SECRET));
        if (dryRun != null) {
            headers.put("X-Dry-Run", dryRun);
        }
        return headers;
    }

    static String connectorOf(String path) {
        return switch (path) {
            case TICKETING -> "ticketing";
            case SUPEROFFICE -> "superoffice";
            case ITX -> "itx";
            default -> "webex";
        };
    }
}
