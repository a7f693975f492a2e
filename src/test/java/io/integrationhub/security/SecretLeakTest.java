package io.integrationhub.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.integrationhub.support.TargetStandIn.ITX;
import static io.integrationhub.support.TargetStandIn.SUPEROFFICE;
import static io.integrationhub.support.TargetStandIn.TICKETING;
import static io.integrationhub.support.TargetStandIn.WEBEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.integrationhub.support.Envelopes;
import io.integrationhub.support.RunningHub;
import io.integrationhub.support.Seeds;
import io.integrationhub.support.TargetStandIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §2/§8: with distinctive secret values, every connector and every error path is run — with targets that echo
 * the credentials they receive — and then every answer and the captured log are scanned: no secret appears.
 */
abstract class SecretLeakTest {

    static final String PARTNER = "partner-s3cret-Zq81";
    static final String ADMIN = "ops-s3cret-Lm27";
    static final String TICKETING_AUTH = "Basic dGlja2V0OnMzY3JldC1YdjQ0";
    static final String SO_AUTH = "SoTicket so-s3cret-Pt55";
    static final String SO_TOKEN = "app-s3cret-Kw66";
    static final String ITX_TOKEN = "itx-s3cret-Rb77";
    static final String WEBEX_KEY = "wx-s3cret-Hn88";
    static final String TICKETING_PASSWORD = "s3cret-Xv44"; // TICKETING_AUTH's, decoded
    static final List<String> SECRETS = List.of(PARTNER, ADMIN, "dGlja2V0OnMzY3JldC1YdjQ0", TICKETING_PASSWORD,
            "so-s3cret-Pt55",
            SO_TOKEN, ITX_TOKEN, WEBEX_KEY, RunningHub.basic("Automize", PARTNER).substring(6),
            RunningHub.basic("admin", ADMIN).substring(6));

    @TempDir
    Path data;

    @Test
    void noSecretAppearsInAnyAnswerOrLogLine() throws Exception {
        List<String> seen = new ArrayList<>();
        try (TargetStandIn targets = new TargetStandIn()) {
            var wm = targets.server();
            // Targets that echo every header they received, credentials included.
            String echo = "{\"echo\":\"{{request.headers.Authorization}} {{request.headers.SO-AppToken}} "
                    + "{{request.headers.tokenv2}} {{request.headers.key}}";
            for (String path : List.of(TICKETING, SUPEROFFICE, ITX, WEBEX)) {
                // The help desk also quotes its Basic credentials decoded ("user:password").
                String decoded = path.equals(TICKETING) ? " {{base64 (regexExtract request.headers.Authorization "
                        + "'[A-Za-z0-9+/=]+$') decode=true}}" : "";
                wm.stubFor(post(path).withRequestBody(containing("refuse")).willReturn(aResponse().withStatus(400)
                        .withHeader("Content-Type", "application/json").withBody(echo + decoded + "\"}")
                        .withTransformers("response-template")));
            }
            wm.stubFor(post(TICKETING).atPriority(10).willReturn(aResponse().withStatus(200).withBody(
                    "{\"TicketMessageId\":1,\"echo\":\"{{request.headers.Authorization}}\"}")
                    .withTransformers("response-template")));
            wm.stubFor(post(SUPEROFFICE).atPriority(10).willReturn(aResponse().withStatus(204)));
            wm.stubFor(post(ITX).atPriority(10).willReturn(aResponse().withStatus(200).withBody(
                    "{\"eactId\":1,\"echo\":\"{{request.headers.tokenv2}}\"}").withTransformers("response-template")));
            wm.stubFor(post(WEBEX).atPriority(10).willReturn(aResponse().withStatus(200).withBody(
                    "{\"response\":{\"code\":1002,\"transid\":\"t\",\"description\":\"{{request.headers.key}}\"}}")
                    .withTransformers("response-template")));

            Map<String, String> settings = RunningHub.settings(data, targets.baseUrl());
            settings.put("hub.partner.automize.secret", PARTNER);
            settings.put("hub.admin.password", ADMIN);
            // Given as -D, as an operator would: Camel Main's start-up summary lists system properties.
            settings.remove("hub.target.ticketing.authorization");
            System.setProperty("hub.target.ticketing.authorization", TICKETING_AUTH);
            settings.put("hub.target.superoffice.authorization", SO_AUTH);
            settings.put("hub.target.superoffice.app-token", SO_TOKEN);
            settings.put("hub.target.itx.tokenv2", ITX_TOKEN);
            settings.put("hub.target.webex.service-key", WEBEX_KEY);
            settings.put("hub.retry.max-attempts", "1");
            try (RunningHub hub = RunningHub.start(settings)) {
                Map<String, String> auth = Map.of("Authorization", RunningHub.basic("Automize", PARTNER));
                Map<String, String[]> types = Map.of(
                        "Ticket Message", new String[] {"{\"TicketREF\":\"T\",\"Message\":\"%s\"}"},
                        "SuperOffice Message", new String[] {"{\"Content\":\"%s\"}"},
                        "ITX Message", new String[] {"{\"eeexId\":1,\"direction\":2,\"subject\":\"s\",\"body\":\"%s\"}"},
                        "Webex Connect Event", new String[] {"{\"evtid\":\"1\",\"text\":\"%s\"}"});
                List<String> ids = new ArrayList<>();
                for (var type : types.entrySet()) {
                    for (String mode : List.of("synchronous", "asynchronous")) {
                        for (String text : List.of("fine", "refuse")) {
                            HttpResponse<String> r = hub.post("application/json", Envelopes.json(mode,
                                    type.getKey(), type.getKey().replace(' ', '-') + "-" + mode + "-" + text,
                                    Envelopes.payload(type.getValue()[0].formatted(text))), auth);
                            seen.add(r.headers().map() + " " + r.body());
                            ids.add(Envelopes.JSON.readTree(r.body()).path("message_id").asText(
                                    Envelopes.JSON.readTree(r.body()).path("error").path("message_id").asText()));
                        }
                    }
                }
                // The error paths a partner can reach.
                seen.add(hub.post("application/json", Seeds.JSON, Map.of("Authorization",
                        RunningHub.basic("Automize", PARTNER + "x"))).body());
                seen.add(hub.post("application/json", Seeds.JSON, Map.of("Authorization",
                        RunningHub.basic(PARTNER, PARTNER))).body());
                seen.add(hub.post("text/plain", Seeds.JSON, auth).body());
                seen.add(hub.post("application/json", "{", auth).body());
                seen.add(hub.post("application/json", Seeds.JSON.replace("\"Automize\"", "\"Other\""), auth).body());
                seen.add(hub.post("application/json", Seeds.JSON.replace("Inbound Automize", "Nope"), auth).body());
                seen.add(hub.post("application/xml", "<!DOCTYPE x [<!ENTITY e '" + PARTNER + "'>]><x>&e;</x>", auth)
                        .body().replace(PARTNER, "(our own input)"));
                seen.add(hub.get("/api/ops/messages", "admin", ADMIN + "x").body());

                await().atMost(Duration.ofSeconds(15)).until(() -> hub.queryLong("SELECT COUNT(*) FROM hub_message "
                        + "WHERE status IN ('queued', 'processing', 'retrying')") == 0);
                for (String id : ids) {
                    seen.add(hub.get("/api/x_autps_int_app/integration_app/messages/" + id, "Automize", PARTNER)
                            .body());
                    seen.add(hub.get("/api/ops/messages/" + id, "admin", ADMIN).body());
                }
                seen.add(hub.get("/api/ops/messages?limit=500", "admin", ADMIN).body());
                seen.add(hub.send(HttpRequest.newBuilder(URI.create("http://localhost:" + hub.managementPort()
                        + "/observe/health?data=true")).build()).body());
                seen.add(hub.send(HttpRequest.newBuilder(URI.create("http://localhost:" + hub.managementPort()
                        + "/observe/metrics")).build()).body());
                assertThat(String.join("\n", seen)).contains("\"echo\":\"***").contains("target_rejected");
            }
        } finally {
            System.clearProperty("hub.target.ticketing.authorization");
        }
        String answers = String.join("\n", seen);
        String log = Files.readString(Path.of("target/test-logs/hub.log"));
        for (String secret : SECRETS) {
            assertThat(answers).as("answers").doesNotContain(secret);
            assertThat(log).as("log").doesNotContain(secret);
        }
    }
}
