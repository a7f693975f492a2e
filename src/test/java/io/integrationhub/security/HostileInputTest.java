package io.integrationhub.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.integrationhub.support.TargetStandIn.TICKETING;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.integrationhub.support.Envelopes;
import io.integrationhub.support.RunningHub;
import io.integrationhub.support.Seeds;
import io.integrationhub.support.TargetStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §8: hostile XML is refused without resolving anything, oversized bodies are cut off as they stream in. */
abstract class HostileInputTest {

    private static final String SECRET_FILE_CONTENT = "top-secret-file-content-4711";

    @TempDir
    static Path data;
    static Path secretFile;
    static TargetStandIn targets;
    static WireMockServer attacker;
    static RunningHub hub;

    @BeforeAll
    static void start() throws Exception {
        secretFile = Files.writeString(data.resolve("secret.txt"), SECRET_FILE_CONTENT);
        targets = new TargetStandIn();
        targets.server().stubFor(post(TICKETING).willReturn(aResponse().withStatus(200)
                .withBody("{\"TicketMessageId\":1}")));
        attacker = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        attacker.start();
        attacker.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("<!ENTITY x 'pwned'>")));
        Map<String, String> settings = RunningHub.settings(data, targets.baseUrl());
        settings.put("hub.partner.acme.secret", "acme-secret");
        hub = RunningHub.start(settings);
    }

    @AfterAll
    static void stop() {
        hub.close();
        targets.close();
        attacker.stop();
    }

    private void assertRefusedQuickly(String xml) {
        long before = hub.storedMessages();
        long start = System.nanoTime();
        HttpResponse<String> response = hub.post("application/xml", xml);
        long ms = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("<code>invalid_body</code>").doesNotContain(SECRET_FILE_CONTENT)
                .doesNotContain("pwned");
        assertThat(ms).as("answered in ms").isLessThan(1000);
        assertThat(attacker.getAllServeEvents()).as("requests the hub made to the attacker's server").isEmpty();
        assertThat(hub.storedMessages()).isEqualTo(before);
    }

    private static String withValue(String prolog, String value) {
        return prolog + Seeds.XML.replace("Printer is not working", value);
    }

    @Test
    void externalEntityToAnHttpServerIsRefused() {
        assertRefusedQuickly(withValue("<!DOCTYPE CreateMessageRequest [<!ENTITY xxe SYSTEM \"" + attacker.baseUrl()
                + "/xxe\">]>", "&xxe;"));
    }

    @Test
    void externalEntityToALocalFileIsRefused() {
        assertRefusedQuickly(withValue("<!DOCTYPE CreateMessageRequest [<!ENTITY xxe SYSTEM \""
                + secretFile.toUri() + "\">]>", "&xxe;"));
    }

    @Test
    void externalDtdIsRefused() {
        assertRefusedQuickly(withValue("<!DOCTYPE CreateMessageRequest SYSTEM \"" + attacker.baseUrl()
                + "/evil.dtd\">", "x"));
        assertRefusedQuickly(withValue("<!DOCTYPE CreateMessageRequest [<!ENTITY % p SYSTEM \""
                + attacker.baseUrl() + "/p.dtd\"> %p;]>", "x"));
    }

    @Test
    void billionLaughsIsRefused() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE CreateMessageRequest [<!ENTITY l0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        assertRefusedQuickly(withValue(dtd.append("]>").toString(), "&l9;"));
    }

    @Test
    void undeclaredEntityReferenceIsRefused() {
        assertRefusedQuickly(withValue("", "&xxe;"));
    }

    @Test
    void xincludeIsNotResolved() throws Exception {
        String xml = Seeds.XML.replace("<CreateMessageRequest>",
                        "<CreateMessageRequest xmlns:xi=\"http://www.w3.org/2001/XInclude\">")
                .replace("<number>INC00001001</number>", "<number><xi:include href=\"" + secretFile.toUri()
                        + "\" parse=\"text\"/></number>");
        HttpResponse<String> response = hub.post("application/xml", xml);

        // No XInclude processing: the element is only an element in the payload, and nothing is read.
        assertThat(response.body()).doesNotContain(SECRET_FILE_CONTENT);
        assertThat(attacker.getAllServeEvents()).isEmpty();
        assertThat(targets.received(TICKETING).stream().map(r -> r.getBodyAsString()))
                .noneMatch(b -> b.contains(SECRET_FILE_CONTENT));
    }

    @Test
    void deeplyNestedJsonIs400() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        String body = Seeds.JSON.replace("\"INC00001001\"\n  },", "\"INC00001001\", \"deep\": " + deep + "},");
        HttpResponse<String> response = hub.post("application/json", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("invalid_body");
    }

    @Test
    void duplicateKeysAre400() {
        HttpResponse<String> response = hub.post("application/json",
                Seeds.JSON.replace("\"integrationmode\": \"asynchronous\",",
                        "\"integrationmode\": \"asynchronous\", \"integrationmode\": \"synchronous\","));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("integrationmode");
    }

    @Test
    void invalidUtf8Is400() {
        byte[] seed = Seeds.JSON.getBytes(StandardCharsets.UTF_8);
        byte[] broken = Arrays.copyOf(seed, seed.length);
        int at = Seeds.JSON.indexOf("Printer");
        broken[at] = (byte) 0xC3;
        broken[at + 1] = (byte) 0x28;
        HttpResponse<String> response = hub.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(hub.url(RunningHub.CREATE_MESSAGE)))
                .header("Content-Type", "application/json")
                .header("Authorization", RunningHub.basic("Automize", "automize-secret"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(broken)).build());
        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void declaredOversizedBodyIs413BeforeItIsSent() throws Exception {
        try (Socket socket = new Socket("localhost", Integer.parseInt(hub.url("").replaceAll(".*:", "")))) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + RunningHub.CREATE_MESSAGE + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: " + RunningHub.basic("Automize", "automize-secret") + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 10485761\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = readHead(socket.getInputStream());
            assertThat(head).startsWith("HTTP/1.1 413");
        }
    }

    @Test
    void aHugeBodyStreamedWithoutALengthIsCutOffEarly() throws Exception {
        System.gc();
        long heapBefore = usedHeap();
        long sent = 0;
        String head;
        try (Socket socket = new Socket("localhost", Integer.parseInt(hub.url("").replaceAll(".*:", "")))) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + RunningHub.CREATE_MESSAGE + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: " + RunningHub.basic("Automize", "automize-secret") + "\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) ' ');
            byte[] chunkHead = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            InputStream in = socket.getInputStream();
            // Up to 400 MiB, sent a chunk at a time; the hub must answer long before the end.
            try {
                while (sent < 400L * 1024 * 1024 && in.available() == 0) {
                    out.write(chunkHead);
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    sent += chunk.length;
                }
            } catch (java.io.IOException closedByTheHub) {
                // the hub answered and closed the connection while we were still sending
            }
            head = readHead(in);
        }
        System.gc();
        long heapGrowth = usedHeap() - heapBefore;

        assertThat(head).startsWith("HTTP/1.1 413");
        assertThat(sent).as("bytes sent before the answer").isLessThan(100L * 1024 * 1024);
        assertThat(heapGrowth).as("heap growth").isLessThan(64L * 1024 * 1024);
    }

    @Test
    void aPartnerCannotReadAnotherPartnersMessage() throws Exception {
        HttpResponse<String> mine = hub.post("application/json", Seeds.JSON);
        String id = Envelopes.JSON.readTree(mine.body()).get("message_id").asText();
        String path = "/api/x_autps_int_app/integration_app/messages/" + id;

        HttpResponse<String> other = hub.get(path, "Acme", "acme-secret");
        assertThat(other.statusCode()).isEqualTo(404);
        JsonNode error = Envelopes.JSON.readTree(other.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("not_found");
        assertThat(hub.get(path + "-nope", "Acme", "acme-secret").body()).isEqualTo(other.body().replace(id,
                id + "-nope"));
        assertThat(hub.get(path, "Automize", "automize-secret").statusCode()).isEqualTo(200);
        assertThat(hub.get(path, "admin", "admin-secret").statusCode()).isEqualTo(200);
    }

    @Test
    void aTargetsRedirectIsNotFollowed() throws Exception {
        targets.server().stubFor(post(TICKETING).withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.containing("redirect-me")).willReturn(aResponse()
                .withStatus(302).withHeader("Location", attacker.baseUrl() + "/steal")));
        HttpResponse<String> response = hub.post("application/json",
                Seeds.json("synchronous", "redirect-key", "redirect-me"));

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(Envelopes.JSON.readTree(response.body()).get("error").get("target_status").asInt()).isEqualTo(302);
        assertThat(attacker.getAllServeEvents()).isEmpty();
    }

    @Test
    void failedLoginsAreCounted() throws Exception {
        hub.post("application/json", Seeds.JSON, Map.of("Authorization", RunningHub.basic("Automize", "guess")));
        String metrics = hub.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:"
                + hub.managementPort() + "/observe/metrics")).build()).body();
        assertThat(metrics).containsPattern("hub_auth_failures_total\\{[^}]*realm=\"partner\"[^}]*\\} [1-9]");
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String readHead(InputStream in) throws java.io.IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            if (head.size() >= 4 && head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
