package io.integrationhub.messagetypes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.integrationhub.support.TargetStandIn.TICKETING;
import static io.integrationhub.support.TargetStandIn.WEBEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationhub.support.Envelopes;
import io.integrationhub.support.RouteFilesHub;
import io.integrationhub.support.RunningHub;
import io.integrationhub.support.TargetStandIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SPEC §5 "What a route file can do": the route's body is the message as a JSON object, so Camel's own languages
 * branch on it, the same for its JSON and its XML form; a branch picks another target with {@code connector:}.
 */
abstract class RouteFileLanguagesTest {

    /** Urgency 1 goes to Webex as an event, anything else to ticketing as a ticket message. */
    private static final String ROUTED = """
            - route:
                from:
                  uri: "message-type:Routed Incident"
                  parameters:
                    connector: ticketing
                  steps:
                    - choice:
                        when:
                          - %s
                            steps:
                              - to: connector:webex
                              - to:
                                  uri: field:evtid
                                  parameters:
                                    type: string
                                    value: "9001"
                              - to:
                                  uri: field:correlationid
                                  parameters:
                                    type: string
                                    value: "{correlation_id}"
                              - to:
                                  uri: field:parameters
                                  parameters:
                                    type: object
                                    value: "{payload}"
                                    items: string
                        otherwise:
                          steps:
                            - to:
                                uri: field:TicketREF
                                parameters:
                                  type: string
                                  value: "{external_reference}"
                            - to:
                                uri: field:Message
                                parameters:
                                  type: string
                                  value: "{payload.short_description}"
            """;

    @RegisterExtension
    final RouteFilesHub fixture = new RouteFilesHub();
    TargetStandIn targets;
    RunningHub hub;

    @BeforeEach
    void stubTargets() {
        targets = fixture.targets();
        targets.ticketingAccepts();
        targets.server().stubFor(post(WEBEX).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"response\":{\"code\":1002,\"description\":\"Queued\",\"transid\":\"t-1\"}}")));
    }

    private void startWith(String condition) {
        hub = fixture.write("routed-incident.yaml", ROUTED.formatted(condition)).start();
    }

    @Test
    void aJqConditionRoutesUrgencyOneToWebexAndTheRestToTicketingForJsonAndXml() throws Exception {
        startWith("jq: '.payload.urgency | tostring == \"1\"'");
        assertRouting();
    }

    @Test
    void aSimpleConditionOnTheBodyRoutesTheSameWay() throws Exception {
        startWith("simple: \"${body[payload][urgency]} == '1'\"");
        assertRouting();
    }

    @Test
    void aJsonPathFilterRoutesTheSameWay() throws Exception {
        startWith("jsonpath: \"$.payload[?(@.urgency == 1 || @.urgency == '1')]\"");
        assertRouting();
    }

    private void assertRouting() {
        for (String format : List.of("json", "xml")) {
            for (int urgency : List.of(1, 3, 10)) {
                ObjectNode payload = Envelopes.payload("{\"short_description\":\"printer " + urgency + " " + format
                        + "\",\"urgency\":" + urgency + "}");
                String key = format + "-" + urgency;
                String body = format.equals("json")
                        ? Envelopes.json("asynchronous", "Routed Incident", key, payload)
                        : Envelopes.xml("asynchronous", "Routed Incident", key, payload);
                HttpResponse<String> receipt = hub.post("application/" + format, body);
                assertThat(receipt.statusCode()).as(receipt.body()).isEqualTo(202);
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> targets.received(WEBEX).size()
                + targets.received(TICKETING).size() == 6);
        assertThat(targets.received(WEBEX)).extracting(r -> r.getBodyAsString().replaceAll(
                "(?s).*\"correlationid\":\"([^\"]+)\".*", "$1")).containsExactlyInAnyOrder("json-1", "xml-1");
        assertThat(targets.received(TICKETING)).extracting(r -> r.getBodyAsString().replaceAll(
                "(?s).*printer (\\d+ \\w+).*", "$1"))
                .containsExactlyInAnyOrder("3 json", "10 json", "3 xml", "10 xml");
    }
}
