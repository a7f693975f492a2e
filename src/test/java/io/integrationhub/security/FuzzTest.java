package io.integrationhub.security;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.integrationhub.support.HubWithStandIns;
import io.integrationhub.support.RunningHub;
import io.integrationhub.support.Seeds;
import io.integrationhub.support.TargetStandIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SPEC §8 fuzzing: a hand-written corpus of malformed and hostile bodies plus random mutations of the seed 000
 * examples (fixed seed, so a failure can be replayed). Every body gets a 4xx or a correct 2xx in bounded time, never
 * a 5xx, and the hub is healthy afterwards.
 */
abstract class FuzzTest {

    private static final long SEED = 20261125L;
    private static final int MUTATIONS = 2200;
    private static final Duration BOUND = Duration.ofSeconds(5);

    @RegisterExtension
    static final HubWithStandIns HUB = new HubWithStandIns().stubs(TargetStandIn::ticketingAccepts);
    static RunningHub hub;

    @BeforeEach
    void find() {
        hub = HUB.hub();
    }

    record Body(String contentType, byte[] bytes, String label) {
    }

    static List<Body> corpus() {
        List<Body> bodies = new ArrayList<>();
        String[] json = {"", " ", "null", "true", "0", "\"text\"", "[]", "{}", "{", "}", "{\"payload\":}", "[{}]",
            "{\"payload\": null}", "{\"payload\": []}", "{\"payload\": \"x\"}", "{\"a\":1}{\"b\":2}",
            "{\"payload\": {\"a\": 1e999999999}}", "{\"payload\": {\"a\": " + "9".repeat(5000) + "}}",
            "{\"payload\": {\"a\": \"\\ud800\"}}", "{\"payload\": {\"a\": \"\\u0000\"}}", "\uFEFF{}",
            "{'payload': {}}", "{\"payload\": {\"a\": NaN}}", "{\"payload\": {\"a\": Infinity}}",
            "{\"payload\": {\"a\": 01}}", "{\"payload\": {\"a\": .5}}", "{\"payload\": {\"a\": [1,]}}",
            "{\"payload\": {\"a\": \"\t\"}}", "/* comment */ {}", "{\"payload\": {}} // trailing",
            "{\"payload\": " + "{\"a\":".repeat(2000) + "1" + "}".repeat(2000) + "}",
            "[" .repeat(50_000), "{\"integrationmode\": [\"asynchronous\"]}",
            Seeds.JSON.replace("\"Automize\"", "\"\""), Seeds.JSON.replace("\"Automize\"", "\"---\""),
            Seeds.JSON.replace("\"Automize\"", "null"), Seeds.JSON.replace("\"INC00001001\"\n", "1\n"),
            Seeds.JSON.replace("Inbound Automize Incident", "x".repeat(5000)),
            Seeds.JSON.substring(0, Seeds.JSON.length() / 2)};
        for (String j : json) {
            bodies.add(new Body("application/json", j.getBytes(StandardCharsets.UTF_8), "json:" + shorten(j)));
        }
        String[] xml = {"", "<", "<a>", "</CreateMessageRequest>", "<CreateMessageRequest/>",
            "<CreateMessageRequest><payload/></CreateMessageRequest>", "<?xml version=\"1.0\"?>",
            "<?xml version=\"1.0\" encoding=\"x-unknown\"?><CreateMessageRequest/>",
            "<CreateMessageRequest><payload>text</payload></CreateMessageRequest>",
            "<CreateMessageRequest><![CDATA[x]]></CreateMessageRequest>",
            "<CreateMessageRequest>&amp;&lt;&#0;</CreateMessageRequest>", "<a:b xmlns:a='urn:x'/>",
            "<!DOCTYPE x [<!ELEMENT x ANY>]><x/>", "<!DOCTYPE x SYSTEM 'http://127.0.0.1:1/x.dtd'><x/>",
            "<CreateMessageRequest>" + "<payload>".repeat(500) + "</payload>".repeat(500) + "</CreateMessageRequest>",
            Seeds.XML + "<extra/>", Seeds.XML.replace("<payload>", "<payload a='1' a='2'>"),
            Seeds.XML.replace("</CreateMessageRequest>", ""), Seeds.XML.replace("<integrationmode>", "<integrationMode>"),
            Seeds.XML.replace("<message_type>", "<message_type><x/>"),
            Seeds.XML.replace("Automize</integrationPartner>", "Automize</integrationPartner><integrationPartner>b"
                    + "</integrationPartner>")};
        for (String x : xml) {
            bodies.add(new Body("application/xml", x.getBytes(StandardCharsets.UTF_8), "xml:" + shorten(x)));
        }
        // The same bodies under the other content type, and text/ types with odd charsets.
        bodies.add(new Body("text/json; charset=utf-16", Seeds.JSON.getBytes(StandardCharsets.UTF_16), "utf16"));
        bodies.add(new Body("application/json; charset=iso-8859-1",
                Seeds.JSON.getBytes(StandardCharsets.ISO_8859_1), "latin1"));
        bodies.add(new Body("application/json; charset=nonsense", Seeds.JSON.getBytes(StandardCharsets.UTF_8),
                "bad-charset"));
        bodies.add(new Body("application/xml", Seeds.JSON.getBytes(StandardCharsets.UTF_8), "json-as-xml"));
        bodies.add(new Body("application/json", Seeds.XML.getBytes(StandardCharsets.UTF_8), "xml-as-json"));
        return bodies;
    }

    static List<Body> mutations(Random random) {
        List<Body> bodies = new ArrayList<>();
        for (int i = 0; i < MUTATIONS; i++) {
            boolean xml = random.nextBoolean();
            byte[] seed = (xml ? Seeds.XML : Seeds.JSON.replace("\"asynchronous\"",
                    random.nextInt(4) == 0 ? "\"synchronous\"" : "\"asynchronous\"")).getBytes(StandardCharsets.UTF_8);
            byte[] mutated = mutate(seed, random);
            bodies.add(new Body(xml ? "application/xml" : "application/json", mutated, "mutation " + i));
        }
        return bodies;
    }

    static byte[] mutate(byte[] seed, Random random) {
        byte[] out = seed.clone();
        int kind = random.nextInt(6);
        switch (kind) {
            case 0 -> { // byte flips
                for (int n = 1 + random.nextInt(4); n > 0; n--) {
                    out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> out = java.util.Arrays.copyOf(out, random.nextInt(out.length)); // truncation
            case 2 -> { // insertion of a structural character
                String specials = "{}[]<>\"':,&;/\\\u0000!?=";
                int at = random.nextInt(out.length);
                byte[] inserted = new byte[out.length + 1];
                System.arraycopy(out, 0, inserted, 0, at);
                inserted[at] = (byte) specials.charAt(random.nextInt(specials.length()));
                System.arraycopy(out, at, inserted, at + 1, out.length - at);
                out = inserted;
            }
            case 3 -> { // deletion of a range
                int from = random.nextInt(out.length);
                int to = Math.min(out.length, from + 1 + random.nextInt(20));
                byte[] shorter = new byte[out.length - (to - from)];
                System.arraycopy(out, 0, shorter, 0, from);
                System.arraycopy(out, to, shorter, from, out.length - to);
                out = shorter;
            }
            case 4 -> { // deep nesting inserted in the payload
                String text = new String(out, StandardCharsets.UTF_8);
                int depth = 10 + random.nextInt(3000);
                String nest = text.startsWith("<") ? "<n>".repeat(depth) + "</n>".repeat(depth)
                        : "\"n\": " + "[".repeat(depth) + "]".repeat(depth) + ",";
                String anchor = text.startsWith("<") ? "<payload>" : "\"payload\": {";
                out = text.replace(anchor, anchor + nest).getBytes(StandardCharsets.UTF_8);
            }
            default -> { // a random byte sequence in place of a value
                String text = new String(out, StandardCharsets.UTF_8);
                byte[] junk = new byte[1 + random.nextInt(12)];
                random.nextBytes(junk);
                out = text.replace("Printer is not working", new String(junk, StandardCharsets.ISO_8859_1))
                        .getBytes(StandardCharsets.UTF_8);
            }
        }
        return out;
    }

    @Test
    void everyBodyGetsA4xxOrACorrect2xxInBoundedTimeAndTheHubStaysHealthy() throws Exception {
        List<Body> bodies = new ArrayList<>(corpus());
        bodies.addAll(mutations(new Random(SEED)));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        int accepted = 0;
        int refused = 0;
        for (Body body : bodies) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(hub.url(
                    RunningHub.CREATE_MESSAGE))).timeout(BOUND).header("Content-Type", body.contentType())
                    .header("Authorization", RunningHub.basic("Automize", "automize-secret"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())).build(),
                    HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            assertThat(status).as(body.label() + " → " + response.body()).isBetween(200, 499);
            if (status < 300) {
                assertThat(status).as(body.label()).isIn(200, 202);
                assertThat(response.body()).as(body.label()).containsAnyOf("\"message_id\"", "<message_id>");
                accepted++;
            } else {
                assertThat(response.body()).as(body.label()).containsAnyOf("\"code\"", "<code>");
                refused++;
            }
        }
        System.out.printf("fuzz: %d bodies, %d accepted, %d refused%n", bodies.size(), accepted, refused);
        assertThat(bodies).hasSizeGreaterThanOrEqualTo(2000);
        assertThat(refused).isGreaterThan(bodies.size() / 2);
        assertThat(hub.post("application/json", Seeds.JSON).statusCode()).isEqualTo(202);
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + hub.managementPort()
                + "/observe/health")).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
