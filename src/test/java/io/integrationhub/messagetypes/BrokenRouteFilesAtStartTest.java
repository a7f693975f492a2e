package io.integrationhub.messagetypes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhub.support.Envelopes;
import io.integrationhub.support.RouteFilesHub;
import io.integrationhub.support.RunningHub;
import io.integrationhub.support.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SPEC §5 "File errors": a broken file of any kind is skipped at start with its line and whole reason, and the hub
 * starts and serves every valid file.
 */
abstract class BrokenRouteFilesAtStartTest {

    /** A valid file's field step, with {@code %s} for what each broken file gets wrong. */
    private static final String FILE = """
            - route:
                from:
                  uri: "message-type:%s"
                  parameters:
                    connector: %s
                  steps:
            %s
            """;
    private static final String FIELD = """
                    - to:
                        uri: field:Message
                        parameters:
                          type: %s
                          %s: "%s"
            """;

    /** File name → its content, each broken in one way, and the words its reason must name. */
    static final Map<String, String[]> BROKEN = new LinkedHashMap<>();

    static {
        BROKEN.put("bad-yaml.yaml", new String[] {"- route:\n    from: [unclosed\n", "line"});
        BROKEN.put("unknown-step.yaml", new String[] {FILE.formatted("Unknown Step", "ticketing",
                "        - frobnicate:\n            message: x"), "frobnicate"});
        BROKEN.put("unknown-language.yaml", new String[] {FILE.formatted("Unknown Language", "ticketing", """
                        - filter:
                            groovy: "body.payload.urgency == 1"
                            steps:
                              - to: field:Message?value=x
                """), "groovy"});
        BROKEN.put("unknown-placeholder.yaml", new String[] {FILE.formatted("Unknown Placeholder", "ticketing",
                FIELD.formatted("string", "value", "{nothing.here}")), "{nothing.here}"});
        BROKEN.put("unknown-function.yaml", new String[] {FILE.formatted("Unknown Function", "ticketing",
                FIELD.formatted("string", "value", "{payload.x | shout}")), "shout"});
        BROKEN.put("unknown-field.yaml", new String[] {FILE.formatted("Unknown Field", "ticketing",
                FIELD.formatted("string", "value", "{payload.x}").replace("field:Message", "field:IsPrivat")),
                "did you mean IsPrivate"});
        BROKEN.put("unknown-type.yaml", new String[] {FILE.formatted("Unknown Type", "ticketing",
                FIELD.formatted("bool", "value", "{payload.x}")), "bool"});
        BROKEN.put("unknown-connector.yaml", new String[] {FILE.formatted("Unknown Connector", "jira",
                FIELD.formatted("string", "value", "{payload.x}")), "jira"});
        BROKEN.put("sending-step.yaml", new String[] {FILE.formatted("Sending Step", "ticketing",
                "        - to: direct:connector-webex"), "direct:connector-webex' is not allowed"});
        BROKEN.put("wire-tap.yaml", new String[] {FILE.formatted("Wire Tap", "ticketing",
                "        - wireTap:\n            uri: http://elsewhere.example/"), "WireTap is not allowed"});
        BROKEN.put("misspelled-parameter.yaml", new String[] {FILE.formatted("Misspelled Parameter", "ticketing",
                FIELD.formatted("string", "valu", "{payload.x}")), "valu"});
    }

    @RegisterExtension
    final RouteFilesHub fixture = new RouteFilesHub();
    RunningHub hub;

    @Test
    void theHubStartsWithEveryKindOfBrokenFileAndNamesEachWithItsLineAndReason() throws Exception {
        fixture.withShipped("inbound-automize-incident.yaml");
        BROKEN.forEach((file, broken) -> fixture.write(file, broken[0]));
        hub = fixture.start();

        HttpResponse<String> valid = hub.post("application/json", Seeds.JSON);
        assertThat(valid.statusCode()).as(valid.body()).isEqualTo(202);
        JsonNode details = routeFilesCheck();
        assertThat(details.toString()).contains("\"status\":\"UP\"");
        for (Map.Entry<String, String[]> broken : BROKEN.entrySet()) {
            String reason = details.path("data").path("broken." + broken.getKey()).asText();
            assertThat(reason).as(broken.getKey() + " in " + details).matches("(?s).*\\bline \\d+.*")
                    .contains(broken.getValue()[1]);
        }
    }

    static java.util.stream.Stream<String> kinds() {
        return BROKEN.keySet().stream();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("kinds")
    void theHubStartsWithThisBrokenFileAndNamesItsLineAndReason(String file) throws Exception {
        hub = fixture.withShipped("inbound-automize-incident.yaml").write(file, BROKEN.get(file)[0]).start();

        assertThat(hub.post("application/json", Seeds.JSON).statusCode()).isEqualTo(202);
        String reason = routeFilesCheck().path("data").path("broken." + file).asText();
        assertThat(reason).matches("(?s)line \\d+: .*").contains(BROKEN.get(file)[1]);
    }

    private JsonNode routeFilesCheck() throws IOException, InterruptedException {
        HttpResponse<String> health = hub.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                + hub.managementPort() + "/observe/health?data=true")).timeout(java.time.Duration.ofSeconds(30))
                .build());
        JsonNode checks = Envelopes.JSON.readTree(health.body()).path("checks");
        for (JsonNode check : checks) {
            if (check.path("name").asText().contains("route-files")) {
                return check;
            }
        }
        throw new AssertionError("no route-files check in " + health.body());
    }
}
