package io.integrationhub.connectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.integrationhub.support.TargetStandIn.ITX;
import static io.integrationhub.support.TargetStandIn.SUPEROFFICE;
import static io.integrationhub.support.TargetStandIn.TICKETING;
import static io.integrationhub.support.TargetStandIn.WEBEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

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
 * SPEC §5/§6: each shipped message type, as JSON and as XML, reaches its target with the exact request of its seed,
 * credentials included, and the synchronous answer carries the target's id.
 */
abstract class ConnectorRequestsTest {

    // A 1x1 PNG and a tiny PDF, as a partner would attach them.
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
    static final byte[] PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @RegisterExtension
    static final HubWithStandIns HUB = new HubWithStandIns();
    static TargetStandIn targets;
    static RunningHub hub;

    @BeforeEach
    void stubs() {
        hub = HUB.hub();
        targets = HUB.targets();
        stubTargets(targets);
    }

    /** Each target accepts: ticketing with TicketMessageId 321, ITX with eactId 9001, Webex with tx-77. */
    static void stubTargets(TargetStandIn targets) {
        var wm = targets.server();
        wm.resetAll();
        wm.stubFor(post(TICKETING).willReturn(json(200, "{\"TicketMessageId\":321}")));
        wm.stubFor(post(SUPEROFFICE).willReturn(aResponse().withStatus(204)));
        wm.stubFor(post(ITX).willReturn(json(200, "{\"eactId\":9001,\"caseEactId\":500}")));
        wm.stubFor(post(WEBEX).willReturn(json(200,
                "{\"response\":{\"code\":1002,\"description\":\"Queued\",\"transid\":\"tx-77\"}}")));
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    JsonNode postSync(String type, String key, ObjectNode payload, boolean xml) throws Exception {
        HttpResponse<String> response = xml
                ? hub.post("application/xml", Envelopes.xml("synchronous", type, key, payload),
                        Map.of("Authorization", RunningHub.basic("Automize", "automize-secret"),
                                "Accept", "application/json"))
                : hub.post("application/json", Envelopes.json("synchronous", type, key, payload));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Envelopes.JSON.readTree(response.body());
    }

    // --- SuperOffice (seed 001) ---

    static final ObjectNode SUPEROFFICE_PAYLOAD = Envelopes.payload("""
            {"To": "+4791234567", "From": "Automize", "Content": "Printer is not working", "Format": "text/plain",
             "SessionKey": "session-1", "Plugin": "sms"}""");

    @Test
    void superOfficeMessageIsSentAsAnIncomingMessageWithItsCredentials() throws Exception {
        JsonNode answer = postSync("SuperOffice Message", "so-1", SUPEROFFICE_PAYLOAD, false);

        assertThat(answer.get("target").asText()).isEqualTo("superoffice");
        assertThat(answer.get("target_status").asInt()).isEqualTo(204);
        assertThat(answer.get("target_reference").isNull()).isTrue();
        assertThat(answer.get("target_response").isNull()).isTrue();
        LoggedRequest sent = targets.received(SUPEROFFICE).get(0);
        assertThat(sent.getMethod().getName()).isEqualTo("POST");
        assertThat(sent.getHeader("Authorization")).isEqualTo("SoTicket test-so-ticket");
        assertThat(sent.getHeader("SO-AppToken")).isEqualTo("test-app-token");
        assertThat(sent.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(sent.getHeader("Accept")).isEqualTo("application/json");
        assertThat(sent.getBodyAsString()).isEqualTo("{\"IncomingMessage\":{\"To\":\"+4791234567\",\"From\":\"Automize\","
                + "\"Content\":\"Printer is not working\",\"Format\":\"text/plain\",\"SessionKey\":\"session-1\","
                + "\"Plugin\":\"sms\"}}");
    }

    @Test
    void superOfficeXmlFormProducesTheSameRequest() throws Exception {
        postSync("SuperOffice Message", "so-2", SUPEROFFICE_PAYLOAD, false);
        postSync("SuperOffice Message", "so-2", SUPEROFFICE_PAYLOAD, true);

        List<LoggedRequest> sent = targets.received(SUPEROFFICE);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).getBody()).isEqualTo(sent.get(0).getBody());
    }

    @Test
    void superOfficeCorrelationKeyKeepsItsSessionKey() throws Exception {
        ObjectNode noSession = SUPEROFFICE_PAYLOAD.deepCopy();
        noSession.remove("SessionKey");
        postSync("SuperOffice Message", "so-thread", noSession, false);
        postSync("SuperOffice Message", "so-thread", noSession, true);
        postSync("SuperOffice Message", "so-other-thread", noSession, false);

        List<String> keys = targets.received(SUPEROFFICE).stream().map(r -> read(r.getBodyAsString())
                .get("IncomingMessage").get("SessionKey").asText()).toList();
        assertThat(keys.get(0)).isNotBlank().isEqualTo(keys.get(1)).isNotEqualTo(keys.get(2));
        assertThat(hub.queryString("SELECT record_ref FROM hub_external_id WHERE partner = 'automize' "
                + "AND correlation_id = 'so-thread' AND target = 'superoffice'")).isEqualTo(keys.get(0));
    }

    // --- ITX (seed 002) ---

    static ObjectNode itxPayload() {
        ObjectNode payload = Envelopes.payload("""
                {"eeexId": 3378825, "direction": 2, "subject": "Jeg har et spørsmål",
                 "body": "<p>Hei!<br>Kan dere se på dette...?<br><img width='100px' src='files[0]'></p>"}""");
        var attachments = payload.putArray("attachments");
        attachments.addObject().put("filename", "itx_logo.png").put("content_type", "image/png")
                .put("content_base64", Base64.getEncoder().encodeToString(PNG));
        attachments.addObject().put("filename", "sample.pdf").put("content_type", "application/pdf")
                .put("content_base64", Base64.getEncoder().encodeToString(PDF));
        return payload;
    }

    @Test
    void itxMessageGoesAsMultipartWithItsDataAndFilesInOrder() throws Exception {
        JsonNode answer = postSync("ITX Message", "itx-1", itxPayload(), false);

        assertThat(answer.get("target").asText()).isEqualTo("itx");
        assertThat(answer.get("target_reference").asText()).isEqualTo("9001");
        LoggedRequest sent = targets.received(ITX).get(0);
        assertThat(sent.getHeader("Content-Type")).startsWith("multipart/form-data; boundary=");
        assertThat(sent.getHeader("tokenv2")).isEqualTo("test-itx-token");
        assertThat(sent.getHeader("rcntrl")).isEqualTo("17");
        assertThat(sent.getHeader("ccntrl")).isEqualTo("4");
        List<Request.Part> parts = List.copyOf(sent.getParts());
        assertThat(parts).extracting(Request.Part::getName).containsExactly("data", "files", "files");

        Request.Part dataPart = parts.get(0);
        assertThat(dataPart.getHeader("Content-Type").firstValue()).isEqualTo("application/json");
        assertThat(dataPart.getBody().asString()).isEqualTo("{\"eeexId\":3378825,\"direction\":2,"
                + "\"subject\":\"Jeg har et spørsmål\",\"body\":\"<p>Hei!<br>Kan dere se på dette...?<br>"
                + "<img width='100px' src='files[0]'></p>\",\"createCase\":true}");

        Request.Part png = parts.get(1);
        assertThat(png.getHeader("Content-Disposition").firstValue()).contains("name=\"files\"")
                .contains("filename=\"itx_logo.png\"");
        assertThat(png.getHeader("Content-Type").firstValue()).isEqualTo("image/png");
        assertThat(png.getBody().asBytes()).isEqualTo(PNG);
        Request.Part pdf = parts.get(2);
        assertThat(pdf.getHeader("Content-Disposition").firstValue()).contains("filename=\"sample.pdf\"");
        assertThat(pdf.getHeader("Content-Type").firstValue()).isEqualTo("application/pdf");
        assertThat(pdf.getBody().asBytes()).isEqualTo(PDF);
    }

    @Test
    void itxXmlFormProducesTheSameParts() throws Exception {
        postSync("ITX Message", "itx-xml", itxPayload(), false);
        postSync("ITX Message", "itx-xml-2", itxPayload(), true);

        List<LoggedRequest> sent = targets.received(ITX);
        List<Request.Part> fromJson = List.copyOf(sent.get(0).getParts());
        List<Request.Part> fromXml = List.copyOf(sent.get(1).getParts());
        assertThat(fromXml).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(fromXml.get(i).getBody().asBytes()).isEqualTo(fromJson.get(i).getBody().asBytes());
            assertThat(fromXml.get(i).getHeader("Content-Disposition").firstValue())
                    .isEqualTo(fromJson.get(i).getHeader("Content-Disposition").firstValue());
        }
    }

    @Test
    void secondItxMessageOfAKeyContinuesTheCase() throws Exception {
        ObjectNode payload = itxPayload();
        payload.remove("attachments");
        postSync("ITX Message", "itx-case", payload, false);
        targets.server().stubFor(post(ITX).willReturn(json(200, "{\"data\":{\"eactId\":9002,\"caseEactId\":500}}")));
        JsonNode second = postSync("ITX Message", "itx-case", payload, false);

        assertThat(second.get("target_reference").asText()).isEqualTo("9002");
        List<LoggedRequest> sent = targets.received(ITX);
        JsonNode secondData = read(List.copyOf(sent.get(1).getParts()).get(0).getBody().asString());
        assertThat(secondData.get("caseEactId").asLong()).isEqualTo(500);
        assertThat(secondData.get("createCase").asBoolean()).isFalse();
        assertThat(hub.queryString("SELECT record_ref || '/' || last_ref FROM hub_external_id WHERE partner = "
                + "'automize' AND correlation_id = 'itx-case' AND target = 'itx'")).isEqualTo("500/9002");
    }

    @Test
    void itxAttachmentThatIsNotBase64IsAMappingError() throws Exception {
        ObjectNode payload = itxPayload();
        ((ObjectNode) payload.get("attachments").get(0)).put("content_base64", "%%%");

        HttpResponse<String> response = hub.post("application/json",
                Envelopes.json("asynchronous", "ITX Message", "itx-bad", payload));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("mapping_error").contains("attachments");
        assertThat(targets.received(ITX)).isEmpty();
    }

    // --- Webex Connect (seed 004) ---

    static final ObjectNode WEBEX_PAYLOAD = Envelopes.payload("""
            {"evtid": "1234", "customer": "Acme", "priority": 3, "urgent": true,
             "expiry": "2026-12-01T18:51:19", "notifyurl": "https://partner.example/notify"}""");

    @Test
    void webexEventCarriesTheServiceKeyAndParametersAsText() throws Exception {
        JsonNode answer = postSync("Webex Connect Event", "wx-1", WEBEX_PAYLOAD, false);

        assertThat(answer.get("target").asText()).isEqualTo("webex");
        assertThat(answer.get("target_reference").asText()).isEqualTo("tx-77");
        LoggedRequest sent = targets.received(WEBEX).get(0);
        assertThat(sent.getHeader("key")).isEqualTo("test-webex-key");
        assertThat(sent.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(sent.getBodyAsString()).isEqualTo("{\"events\":[{\"evtid\":\"1234\",\"correlationid\":\"wx-1\","
                + "\"parameters\":{\"customer\":\"Acme\",\"priority\":\"3\",\"urgent\":\"true\"}}],"
                + "\"expiry\":\"2026-12-01T18:51:19\",\"notifyurl\":\"https://partner.example/notify\"}");
    }

    @Test
    void aWebexEventWithNothingButItsIdSendsNoParameters() throws Exception {
        postSync("Webex Connect Event", "wx-bare", Envelopes.payload("{\"evtid\": \"1234\"}"), false);

        assertThat(targets.received(WEBEX).get(0).getBodyAsString())
                .isEqualTo("{\"events\":[{\"evtid\":\"1234\",\"correlationid\":\"wx-bare\"}]}");
    }

    @Test
    void webexXmlFormProducesTheSameRequest() throws Exception {
        postSync("Webex Connect Event", "wx-2", WEBEX_PAYLOAD, false);
        postSync("Webex Connect Event", "wx-2", WEBEX_PAYLOAD, true);

        List<LoggedRequest> sent = targets.received(WEBEX);
        assertThat(sent.get(1).getBodyAsString()).isEqualTo(sent.get(0).getBodyAsString());
    }

    @Test
    void webexArrayAnswerIsReadToo() throws Exception {
        targets.server().stubFor(post(WEBEX).willReturn(json(200,
                "{\"response\":[{\"code\":\"1002\",\"description\":\"Queued\",\"transid\":\"tx-88\","
                        + "\"correlationid\":\"wx-3\"}]}")));

        assertThat(postSync("Webex Connect Event", "wx-3", WEBEX_PAYLOAD, false).get("target_reference").asText())
                .isEqualTo("tx-88");
    }

    @Test
    void webexCorrelationIdOver50BytesIsAMappingError() {
        HttpResponse<String> response = hub.post("application/json", Envelopes.json("synchronous",
                "Webex Connect Event", "x".repeat(51), WEBEX_PAYLOAD));

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("mapping_error").contains("correlationid");
        assertThat(targets.received(WEBEX)).isEmpty();
    }

    // --- Ticketing (seed 003) ---

    static final ObjectNode TICKET_PAYLOAD = Envelopes.payload("""
            {"TicketREF": "INC-000047", "Message": "Can I meet you afternoon?", "Html": false, "IsPrivate": false,
             "IsMobileDevice": false, "SendViaOutboundEmail": true, "SendViaOutboundEmailFrom": "company@domain.com",
             "SendViaOutboundEmailCc": ["jane.doe@domain.com", "jack.more@domain.com"]}""");

    @Test
    void ticketMessageCarriesEverySeedField() throws Exception {
        JsonNode answer = postSync("Ticket Message", "tm-1", TICKET_PAYLOAD, false);

        assertThat(answer.get("target_reference").asText()).isEqualTo("321");
        LoggedRequest sent = targets.received(TICKETING).get(0);
        assertThat(sent.getHeader("Authorization")).isEqualTo("Basic dGVzdDp0aWNrZXRpbmc=");
        assertThat(sent.getBodyAsString()).isEqualTo("{\"TicketREF\":\"INC-000047\",\"Message\":\"Can I meet you "
                + "afternoon?\",\"Html\":false,\"IsPrivate\":false,\"IsMobileDevice\":false,"
                + "\"SendViaOutboundEmail\":true,\"SendViaOutboundEmailFrom\":\"company@domain.com\","
                + "\"SendViaOutboundEmailCc\":[\"jane.doe@domain.com\",\"jack.more@domain.com\"]}");
    }

    @Test
    void ticketMessageXmlFormProducesTheSameRequest() throws Exception {
        postSync("Ticket Message", "tm-2", TICKET_PAYLOAD, false);
        postSync("Ticket Message", "tm-2", TICKET_PAYLOAD, true);

        List<LoggedRequest> sent = targets.received(TICKETING);
        assertThat(sent.get(1).getBodyAsString()).isEqualTo(sent.get(0).getBodyAsString());
    }

    @Test
    void ticketMessageWithoutATicketContinuesTheKeysTicket() throws Exception {
        postSync("Ticket Message", "tm-thread", TICKET_PAYLOAD, false);
        ObjectNode followUp = Envelopes.payload("{\"Message\": \"Any news?\"}");
        postSync("Ticket Message", "tm-thread", followUp, false);

        assertThat(targets.received(TICKETING).get(1).getBodyAsString())
                .isEqualTo("{\"TicketREF\":\"INC-000047\",\"Message\":\"Any news?\"}");
    }

    @Test
    void aSynchronousTicketMessageOnAKeyWithNoTicketIsAMappingErrorAndNothingIsSent() throws Exception {
        HttpResponse<String> response = hub.post("application/json", Envelopes.json("synchronous", "Ticket Message",
                "tm-no-ticket", Envelopes.payload("{\"Message\": \"Any news?\"}")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode error = read(response.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("mapping_error");
        assertThat(error.get("details").get(0).asText()).startsWith("TicketREF: the ticket is unknown");
        String id = error.get("message_id").asText();
        JsonNode status = read(hub.get("/api/x_autps_int_app/integration_app/messages/" + id, "Automize",
                "automize-secret").body());
        assertThat(status.get("status").asText()).isEqualTo("failed");
        assertThat(status.get("attempts").asInt()).isZero();
        assertThat(targets.received(TICKETING)).isEmpty();
    }

    @Test
    void aMappingErrorLogsNoErrorAndNoPayloadValue() throws Exception {
        HttpResponse<String> refused = hub.post("application/json", Envelopes.json("asynchronous", "Ticket Message",
                "tm-bad-id", Envelopes.payload("{\"TicketId\": \"not-a-number-Qx93\", \"Message\": \"m\"}")));
        HttpResponse<String> next = hub.post("application/json", Envelopes.json("asynchronous", "Ticket Message",
                "tm-after", TICKET_PAYLOAD));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains("not-a-number-Qx93");
        String nextId = read(next.body()).get("message_id").asText();

        // The log is written in order: once the next message's line is in, a line about the refused one would be.
        java.nio.file.Path log = java.nio.file.Path.of("target/test-logs/hub.log");
        await().atMost(Duration.ofSeconds(10)).until(() -> java.nio.file.Files.readString(log).contains(nextId));
        String written = java.nio.file.Files.readString(log);
        assertThat(written).doesNotContain("not-a-number-Qx93").doesNotContain("DefaultErrorHandler");
    }

    @Test
    void queuedMessagesOfAKeyContinueTheTicketItsFirstMessageNamed() throws Exception {
        // Slow answers: the follow-ups wait behind the first, and each is claimed with the outcome of the one before.
        targets.server().stubFor(post(TICKETING).willReturn(json(200, "{\"TicketMessageId\":321}")
                .withFixedDelay(300)));
        ObjectNode followUp = Envelopes.payload("{\"Message\": \"Any news?\"}");
        for (ObjectNode payload : List.of(TICKET_PAYLOAD, followUp, followUp)) {
            HttpResponse<String> response = hub.post("application/json",
                    Envelopes.json("asynchronous", "Ticket Message", "tm-queued", payload));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> targets.received(TICKETING).size() == 3);
        List<LoggedRequest> sent = targets.received(TICKETING);
        assertThat(sent.get(1).getBodyAsString()).isEqualTo("{\"TicketREF\":\"INC-000047\",\"Message\":\"Any news?\"}");
        assertThat(sent.get(2).getBodyAsString()).isEqualTo(sent.get(1).getBodyAsString());
    }

    static JsonNode read(String json) {
        try {
            return Envelopes.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
