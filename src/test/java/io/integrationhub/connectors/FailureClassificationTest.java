package io.integrationhub.connectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.integrationhub.support.TargetStandIn.ITX;
import static io.integrationhub.support.TargetStandIn.SUPEROFFICE;
import static io.integrationhub.support.TargetStandIn.TICKETING;
import static io.integrationhub.support.TargetStandIn.WEBEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.integrationhub.support.Envelopes;
import io.integrationhub.support.RunningHub;
import io.integrationhub.support.TargetStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §4: for every target, 5xx and timeouts are transient (the message waits for a retry) and other 4xx
 * permanent (dead at once); Webex Connect's codes are read from both answer shapes. Seen as a partner and ops see it:
 * the message's status and last error.
 */
abstract class FailureClassificationTest {

    @TempDir
    static Path data;
    static TargetStandIn targets;
    static RunningHub hub;

    /** The message types, one per target, with a payload each; {marker} tells the stand-in which answer to give. */
    static final Map<String, String[]> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put(TICKETING, new String[] {"Ticket Message", "{\"TicketREF\":\"INC-1\",\"Message\":\"{marker}\"}"});
        TYPES.put(SUPEROFFICE, new String[] {"SuperOffice Message", "{\"To\":\"a\",\"Content\":\"{marker}\"}"});
        TYPES.put(ITX, new String[] {"ITX Message",
            "{\"eeexId\":1,\"direction\":2,\"subject\":\"s\",\"body\":\"{marker}\"}"});
        TYPES.put(WEBEX, new String[] {"Webex Connect Event", "{\"evtid\":\"1\",\"text\":\"{marker}\"}"});
    }

    @BeforeAll
    static void start() {
        targets = new TargetStandIn();
        Map<String, String> settings = RunningHub.settings(data, targets.baseUrl());
        // A retry far in the future keeps a transient failure visible as "retrying".
        settings.put("hub.retry.initial-delay-ms", "600000");
        for (String target : List.of("ticketing", "superoffice", "itx", "webex")) {
            settings.put("hub.target." + target + ".timeout-ms", "1000");
            // Each case's first attempt is what is checked: the circuit (CircuitBreakerTest) stays out of the way.
            settings.put("hub.target." + target + ".circuit.failures", "1000");
        }
        hub = RunningHub.start(settings);
    }

    @AfterAll
    static void stop() {
        hub.close();
        targets.close();
    }

    private record Case(String path, String marker, ResponseDefinitionBuilder answer, String status, String error) {
    }

    private String postAsync(String path, String marker) throws Exception {
        String[] type = TYPES.get(path);
        ObjectNode payload = Envelopes.payload(type[1].replace("{marker}", marker));
        HttpResponse<String> response = hub.post("application/json",
                Envelopes.json("asynchronous", type[0], marker, payload));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return Envelopes.JSON.readTree(response.body()).get("message_id").asText();
    }

    private void assertOutcomes(List<Case> cases) throws Exception {
        Map<String, Case> byId = new LinkedHashMap<>();
        for (Case c : cases) {
            targets.server().stubFor(post(c.path()).withRequestBody(containing(c.marker())).willReturn(c.answer()));
        }
        for (Case c : cases) {
            byId.put(postAsync(c.path(), c.marker()), c);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> byId.forEach((id, c) -> {
            JsonNode status = status(id);
            assertThat(status.get("status").asText()).as(c.marker()).isEqualTo(c.status());
            assertThat(status.get("attempts").asInt()).as(c.marker()).isEqualTo(1);
            assertThat(status.get("last_error").asText()).as(c.marker()).contains(c.error());
        }));
    }

    private JsonNode status(String id) {
        try {
            return Envelopes.JSON.readTree(hub.get("/api/x_autps_int_app/integration_app/messages/" + id,
                    "Automize", "automize-secret").body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void serverErrorsAndTimeoutsAreRetriedOtherClientErrorsAreDead() throws Exception {
        List<Case> cases = new ArrayList<>();
        for (String path : TYPES.keySet()) {
            String t = path.replaceAll("\\W", "");
            cases.add(new Case(path, "c503" + t, aResponse().withStatus(503), "retrying", "503"));
            cases.add(new Case(path, "c500" + t, aResponse().withStatus(500), "retrying", "500"));
            cases.add(new Case(path, "slow" + t, aResponse().withStatus(200).withFixedDelay(3000), "retrying",
                    "did not answer in time"));
            cases.add(new Case(path, "c400" + t, aResponse().withStatus(400).withBody("{\"Message\":\"bad\"}"),
                    "dead", "400"));
            cases.add(new Case(path, "c404" + t, aResponse().withStatus(404), "dead", "404"));
            cases.add(new Case(path, "c401" + t, aResponse().withStatus(401), "dead", "401"));
        }
        assertOutcomes(cases);
    }

    @Test
    void webexCodesAreClassifiedFromBothAnswerShapes() throws Exception {
        List<Case> cases = new ArrayList<>();
        // 7020 (like a 429) pauses the whole lane instead: CircuitBreakerTest.
        for (int code : new int[] {7005}) {
            cases.add(webex("wxo" + code, "{\"response\":{\"code\":" + code + ",\"description\":\"d\",\"transid\":\"t\"}}",
                    "retrying", String.valueOf(code)));
            cases.add(webex("wxa" + code, "{\"response\":[{\"code\":\"" + code + "\",\"description\":\"d\"}]}",
                    "retrying", String.valueOf(code)));
        }
        for (int code : new int[] {7000, 7001, 7002, 7003, 7004, 7010, 7019, 7025, 7027, 8123}) {
            cases.add(webex("wxo" + code, "{\"response\":{\"code\":" + code + ",\"description\":\"d\"}}",
                    "dead", String.valueOf(code)));
            cases.add(webex("wxa" + code, "{\"response\":[{\"code\":" + code + ",\"description\":\"d\"}]}",
                    "dead", String.valueOf(code)));
        }
        assertOutcomes(cases);
    }

    private static Case webex(String marker, String body, String status, String error) {
        return new Case(WEBEX, marker, aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(body), status, error);
    }

    @Test
    void synchronousTimeoutIs504AndNotRetried() throws Exception {
        targets.server().stubFor(post(TICKETING).withRequestBody(containing("sync-slow"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(3000)));
        HttpResponse<String> response = hub.post("application/json", Envelopes.json("synchronous", "Ticket Message",
                "sync-slow", Envelopes.payload("{\"TicketREF\":\"INC-1\",\"Message\":\"sync-slow\"}")));

        assertThat(response.statusCode()).isEqualTo(504);
        JsonNode error = Envelopes.JSON.readTree(response.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("target_timeout");
        assertThat(status(error.get("message_id").asText()).get("status").asText()).isEqualTo("failed");
        assertThat(targets.received(TICKETING).stream().filter(r -> r.getBodyAsString().contains("sync-slow")))
                .hasSize(1);
    }

    @Test
    void synchronousServerErrorIsTriedThreeTimesThen502() throws Exception {
        targets.server().stubFor(post(SUPEROFFICE).withRequestBody(containing("sync-503"))
                .willReturn(aResponse().withStatus(503).withBody("busy")));
        HttpResponse<String> response = hub.post("application/json", Envelopes.json("synchronous",
                "SuperOffice Message", "sync-503", Envelopes.payload("{\"Content\":\"sync-503\"}")));

        assertThat(response.statusCode()).isEqualTo(502);
        JsonNode error = Envelopes.JSON.readTree(response.body()).get("error");
        assertThat(error.get("target_status").asInt()).isEqualTo(503);
        assertThat(error.get("target_response").asText()).isEqualTo("busy");
        assertThat(targets.received(SUPEROFFICE).stream().filter(r -> r.getBodyAsString().contains("sync-503")))
                .hasSize(3);
        assertThat(status(error.get("message_id").asText()).get("attempts").asInt()).isEqualTo(3);
    }
}
