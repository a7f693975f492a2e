package io.integrationhub.messagetypes;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.integrationhub.support.TargetStandIn.TICKETING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhub.support.Envelopes;
import io.integrationhub.support.RouteFilesHub;
import io.integrationhub.support.RunningHub;
import io.integrationhub.support.TargetStandIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SPEC §5 field templates in a route file, end to end: functions give their documented results at the target, and a
 * value's {@code &}, {@code +} and {@code %} reach it as written, for the JSON and the XML form of a message.
 */
abstract class FieldTemplatesTest {

    private static final String FILE = """
            - route:
                from:
                  uri: "message-type:Templated Incident"
                  parameters:
                    connector: ticketing
                  steps:
                    - to:
                        uri: field:TicketREF
                        parameters:
                          type: string
                          value: "{external_reference | upper}"
                    - to:
                        uri: field:Message
                        parameters:
                          type: string
                          value: "Q&A + 100%: {payload.urgency | map: 1=High, 2=Medium | default: Low} / {payload.category | default: General} / {payload.text | truncate: 5} / {payload.opened | date: dd.MM.yyyy HH:mm}"
            """;

    @RegisterExtension
    final RouteFilesHub fixture = new RouteFilesHub();
    RunningHub hub;

    @Test
    void functionsAndSpecialCharactersReachTheTargetAsDocumentedForJsonAndXml() throws Exception {
        TargetStandIn targets = fixture.targets();
        targets.ticketingAccepts();
        hub = fixture.write("templated.yaml", FILE).start(Map.of("hub.time-zone", "Europe/Copenhagen"));

        var payload = Envelopes.payload("{\"urgency\":2,\"text\":\"printer on fire\","
                + "\"opened\":\"2026-12-04T09:15:00Z\"}");
        assertThat(hub.post("application/json", Envelopes.json("asynchronous", "Templated Incident", "t-json",
                payload)).statusCode()).isEqualTo(202);
        assertThat(hub.post("application/xml", Envelopes.xml("asynchronous", "Templated Incident", "t-xml",
                payload)).statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(10)).until(() -> targets.received(TICKETING).size() == 2);
        List<JsonNode> bodies = targets.received(TICKETING).stream()
                .map(r -> uncheckedJson(r.getBodyAsString())).toList();
        assertThat(bodies).extracting(b -> b.get("Message").asText()).containsOnly(
                "Q&A + 100%: Medium / General / print / 04.12.2026 10:15");
        assertThat(bodies).extracting(b -> b.get("TicketREF").asText()).containsExactlyInAnyOrder(
                "REF-T-JSON", "REF-T-XML");
    }

    private static JsonNode uncheckedJson(String text) {
        try {
            return Envelopes.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
