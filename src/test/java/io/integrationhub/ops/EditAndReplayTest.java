package io.integrationhub.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.integrationhub.support.TargetStandIn.ITX;
import static io.integrationhub.support.TargetStandIn.SUPEROFFICE;
import static io.integrationhub.support.TargetStandIn.TICKETING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

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

/**
 * SPEC §7 edit and replay: a dead message's payload is corrected through the ops API, kept as a revision beside the
 * original, checked by the field map first; the preview shows the very request a replay then sends.
 */
abstract class EditAndReplayTest {

    // The ticketing system of seed 003 in its XML form, to preview a body that is not JSON.
    @RegisterExtension
    static final HubWithStandIns HUB = new HubWithStandIns().with("hub.target.ticketing.format", "xml");
    static TargetStandIn targets;
    static RunningHub hub;

    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    @BeforeEach
    void stubs() {
        hub = HUB.hub();
        targets = HUB.targets();
        var wm = targets.server();
        wm.resetAll();
        // Anything that says "refuse" is refused for good (400): the message goes dead at once.
        wm.stubFor(post(SUPEROFFICE).willReturn(aResponse().withStatus(204)));
        wm.stubFor(post(TICKETING).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/xml")
                .withBody("<NewMessageResult><TicketMessageId>88</TicketMessageId></NewMessageResult>")));
        wm.stubFor(post(ITX).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"eactId\":9001,\"caseEactId\":500}")));
        for (String path : List.of(SUPEROFFICE, TICKETING, ITX)) {
            wm.stubFor(post(path).withRequestBody(containing("refuse")).willReturn(aResponse().withStatus(400)
                    .withBody("{\"Message\":\"refused\"}")));
        }
    }

    @Test
    void anEditedPayloadIsARevisionAndTheReplaySendsItAsPreviewed() throws Exception {
        String id = deadMessage("SuperOffice Message", "so-edit", superOffice("please refuse this"));

        HttpResponse<String> edited = ops("PUT", "/api/ops/messages/" + id + "/payload",
                "{\"payload\": " + superOffice("Printer works again") + ", \"reason\": \"partner sent the wrong text\"}");
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        JsonNode message = Envelopes.JSON.readTree(edited.body());
        assertThat(message.get("status").asText()).isEqualTo("dead");
        assertThat(message.get("payload").get("Content").asText()).isEqualTo("Printer works again");
        JsonNode revision = message.get("revisions").get(0);
        assertThat(message.get("revisions")).hasSize(1);
        assertThat(revision.get("by").asText()).isEqualTo("admin");
        assertThat(revision.get("reason").asText()).isEqualTo("partner sent the wrong text");
        assertThat(revision.get("at").asText()).endsWith("Z");
        assertThat(revision.get("before").get("Content").asText()).isEqualTo("please refuse this");
        assertThat(revision.get("after").get("Content").asText()).isEqualTo("Printer works again");
        assertThat(get("/api/ops/messages/" + id).get("revisions")).isEqualTo(message.get("revisions"));
        // The original stays as the partner sent it.
        assertThat(storedBody(id)).contains("please refuse this");

        JsonNode preview = get("/api/ops/messages/" + id + "/preview");
        assertThat(preview.get("method").asText()).isEqualTo("POST");
        assertThat(preview.get("url").asText()).endsWith(SUPEROFFICE);
        assertThat(preview.get("headers").get("Authorization").asText()).isEqualTo("***");
        assertThat(preview.get("headers").get("SO-AppToken").asText()).isEqualTo("***");
        assertThat(preview.toString()).doesNotContain("test-so-ticket").doesNotContain("test-app-token");
        assertThat(targets.received(SUPEROFFICE)).hasSize(1); // the preview sent nothing

        replay(id);
        LoggedRequest sent = last(SUPEROFFICE);
        assertThat(sent.getBodyAsString()).isEqualTo(Envelopes.JSON.writeValueAsString(preview.get("body")));
        assertThat(sent.getHeader("Authorization")).isEqualTo("SoTicket test-so-ticket");
    }

    @Test
    void theXmlTicketingPreviewIsTheBodyTheTargetReceives() throws Exception {
        String id = deadMessage("Ticket Message", "tm-edit", Envelopes.payload(
                "{\"TicketREF\": \"INC-000047\", \"Message\": \"refuse me\", \"Html\": false}"));
        assertThat(ops("PUT", "/api/ops/messages/" + id + "/payload", "{\"payload\": {\"TicketREF\": \"INC-000047\", "
                + "\"Message\": \"Can I meet you at 3?\", \"Html\": false}, \"reason\": \"wording\"}").statusCode())
                .isEqualTo(200);
        JsonNode preview = get("/api/ops/messages/" + id + "/preview");
        assertThat(preview.get("headers").get("Content-Type").asText()).contains("xml");
        assertThat(preview.get("body").asText()).contains("Can I meet you at 3?").startsWith("<");

        replay(id);
        assertThat(last(TICKETING).getBodyAsString()).isEqualTo(preview.get("body").asText());
    }

    @Test
    void theItxPreviewNamesTheMultipartPartsTheTargetReceives() throws Exception {
        ObjectNode payload = Envelopes.payload("{\"eeexId\": 3378825, \"direction\": 2, \"subject\": \"refuse\", "
                + "\"body\": \"<p>Hei</p>\"}");
        payload.putArray("attachments").addObject().put("filename", "logo.png").put("content_type", "image/png")
                .put("content_base64", Base64.getEncoder().encodeToString(PNG));
        String id = deadMessage("ITX Message", "itx-edit", payload);
        payload.put("subject", "Spørsmål om faktura");
        assertThat(ops("PUT", "/api/ops/messages/" + id + "/payload", "{\"payload\": " + payload
                + ", \"reason\": \"subject\"}").statusCode()).isEqualTo(200);
        JsonNode preview = get("/api/ops/messages/" + id + "/preview");
        assertThat(preview.get("headers").get("tokenv2").asText()).isEqualTo("***");

        replay(id);
        List<Request.Part> parts = List.copyOf(last(ITX).getParts());
        assertThat(preview.get("parts")).hasSize(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            JsonNode shown = preview.get("parts").get(i);
            assertThat(shown.get("name").asText()).isEqualTo(parts.get(i).getName());
            assertThat(shown.get("size").asLong()).isEqualTo(parts.get(i).getBody().asBytes().length);
        }
        assertThat(parts.get(0).getBody().asString()).contains("Spørsmål om faktura");
        assertThat(parts.get(1).getBody().asBytes()).isEqualTo(PNG);
    }

    @Test
    void aPayloadTheFieldMapCannotMapIs422AndNothingIsStored() throws Exception {
        String id = deadMessage("Ticket Message", "tm-unmappable", Envelopes.payload(
                "{\"TicketREF\": \"INC-1\", \"Message\": \"refuse\"}"));
        HttpResponse<String> refused = ops("PUT", "/api/ops/messages/" + id + "/payload",
                "{\"payload\": {\"TicketREF\": \"INC-1\", \"TicketId\": \"not a number\", \"Message\": \"x\"}, "
                        + "\"reason\": \"try\"}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(Envelopes.JSON.readTree(refused.body()).get("error").get("code").asText()).isEqualTo("mapping_error");
        assertThat(refused.body()).contains("TicketId");

        JsonNode message = get("/api/ops/messages/" + id);
        assertThat(message.get("revisions")).isEmpty();
        assertThat(message.get("payload").get("Message").asText()).isEqualTo("refuse");
        assertThat(hub.queryLong("SELECT COUNT(*) FROM hub_revision WHERE message_id = ?", id)).isZero();
    }

    @Test
    void onlyADeadMessageCanBeEditedAndAnEditMustSayWhy() throws Exception {
        HttpResponse<String> accepted = hub.post("application/json", Envelopes.json("asynchronous",
                "SuperOffice Message", "so-fine", superOffice("all good")));
        String processed = Envelopes.JSON.readTree(accepted.body()).get("message_id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> status(processed).equals("processed"));
        String edit = "{\"payload\": " + superOffice("changed") + ", \"reason\": \"why not\"}";

        assertThat(ops("PUT", "/api/ops/messages/" + processed + "/payload", edit).statusCode()).isEqualTo(409);
        assertThat(ops("PUT", "/api/ops/messages/no-such-id/payload", edit).statusCode()).isEqualTo(404);
        String dead = deadMessage("SuperOffice Message", "so-why", superOffice("refuse"));
        HttpResponse<String> noReason = ops("PUT", "/api/ops/messages/" + dead + "/payload",
                "{\"payload\": " + superOffice("changed") + "}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("reason");
        assertThat(ops("PUT", "/api/ops/messages/" + dead + "/payload", "not json").statusCode()).isEqualTo(400);
        HttpResponse<String> masked = ops("PUT", "/api/ops/messages/" + dead + "/payload",
                "{\"payload\": " + superOffice("***") + ", \"reason\": \"saved from the page as shown\"}");
        assertThat(masked.statusCode()).isEqualTo(400);
        assertThat(masked.body()).contains("***");
        assertThat(hub.queryLong("SELECT COUNT(*) FROM hub_revision WHERE message_id IN (?, ?)", processed, dead))
                .isZero();
        HttpRequest anonymous = HttpRequest.newBuilder(URI.create(hub.url("/api/ops/messages/" + dead + "/payload")))
                .PUT(HttpRequest.BodyPublishers.ofString(edit)).header("Content-Type", "application/json").build();
        assertThat(hub.send(anonymous).statusCode()).isEqualTo(401);
    }

    static ObjectNode superOffice(String content) {
        // No SessionKey: the connector names the thread after the key, the same in the preview and the replay.
        return Envelopes.payload("{\"To\": \"+4791234567\", \"From\": \"Automize\", \"Content\": \"" + content
                + "\", \"Format\": \"text/plain\", \"Plugin\": \"sms\"}");
    }

    /** The body as the partner sent it, from the store (PostgreSQL gives a bytea as hex text). */
    static String storedBody(String id) {
        String stored = hub.queryString("SELECT body FROM hub_message WHERE id = ?", id);
        return stored.startsWith("\\x") ? new String(java.util.HexFormat.of().parseHex(stored.substring(2)),
                java.nio.charset.StandardCharsets.UTF_8) : stored;
    }

    /** The newest request the target received. */
    static LoggedRequest last(String path) {
        List<LoggedRequest> received = targets.received(path);
        return received.get(received.size() - 1);
    }

    static String deadMessage(String type, String key, ObjectNode payload) throws Exception {
        HttpResponse<String> accepted = hub.post("application/json", Envelopes.json("asynchronous", type, key,
                payload));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = Envelopes.JSON.readTree(accepted.body()).get("message_id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id).equals("dead"));
        return id;
    }

    static void replay(String id) throws Exception {
        assertThat(ops("POST", "/api/ops/dead-letters/" + id + "/replay", null).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id).equals("processed"));
    }

    static String status(String id) throws Exception {
        return get("/api/ops/messages/" + id).get("status").asText();
    }

    static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = ops("GET", path, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Envelopes.JSON.readTree(response.body());
    }

    static HttpResponse<String> ops(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub.url(path)))
                .header("Authorization", RunningHub.basic("admin", "admin-secret"))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return hub.send(request.build());
    }
}
