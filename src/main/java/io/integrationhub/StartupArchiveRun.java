package io.integrationhub;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.integrationhub.api.HttpGate;
import org.apache.camel.main.Main;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * The training run behind {@code target/integration-hub.jsa}, the class data sharing archive that the README's run
 * command names. The build runs it as {@code java -XX:ArchiveClassesAtExit=target/integration-hub.jsa -cp
 * target/integration-hub.jar io.integrationhub.StartupArchiveRun}: it starts the hub on a throw-away store and free
 * ports, posts one JSON and one XML CreateMessage, reads one back, and stops; the JVM then writes every class it
 * loaded into the archive. A hub started with {@code -XX:SharedArchiveFile=target/integration-hub.jsa} maps those
 * classes instead of reading and verifying them from the jar, which halves the time to its first answer. JDK 17 has
 * no automatic archive (that came in JDK 19), hence this run.
 */
public final class StartupArchiveRun {

    private static final String PARTNER = "startup-archive";
    private static final String JSON = "{\"payload\":{\"short_description\":\"Startup archive\",\"urgency\":3,"
            + "\"impact\":3},\"integrationmode\":\"asynchronous\",\"integrationPartner\":\"" + PARTNER + "\","
            + "\"correlation_id\":\"startup-archive\",\"external_action\":\"update\",\"external_reference\":\"INC1\","
            + "\"message_type\":\"Inbound Automize Incident\"}";
    private static final String XML = "<CreateMessageRequest><payload><short_description>Startup archive"
            + "</short_description><urgency>3</urgency><impact>3</impact></payload><integrationmode>asynchronous"
            + "</integrationmode><integrationPartner>" + PARTNER + "</integrationPartner><correlation_id>"
            + "startup-archive</correlation_id><external_action>update</external_action><external_reference>INC1"
            + "</external_reference><message_type>Inbound Automize Incident</message_type></CreateMessageRequest>";

    private StartupArchiveRun() {
    }

    public static void main(String[] args) throws Exception {
        // The build's output is for the build: the hub's start-up lines would bury it.
        Configurator.setRootLevel(Level.WARN);
        Configurator.setLevel("org.apache.camel", Level.WARN);
        Path store = Files.createTempDirectory("hub-startup-archive");
        int port = freePort();
        String secret = UUID.randomUUID().toString();
        // A partner of its own: the run must not depend on which partners the settings file names.
        System.setProperty("hub.partner." + PARTNER + ".secret", secret);
        Main main = HubMain.newMain(Map.of(
                "camel.server.port", String.valueOf(port),
                "camel.management.port", String.valueOf(freePort()),
                "hub.db.url", "jdbc:h2:file:" + store.resolve("hub").toAbsolutePath(),
                "hub.db.user", "sa",
                "hub.db.password", "",
                "hub.instance.id", PARTNER,
                // Nothing to deliver to: the run records the start and the inbound request path only.
                "hub.worker.concurrency", "0"));
        Thread hub = new Thread(() -> {
            try {
                main.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "startup-archive-hub");
        hub.start();
        int status = 1;
        try {
            status = train(port, "Basic " + Base64.getEncoder()
                    .encodeToString((PARTNER + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        } finally {
            main.completed();
            hub.join(30_000);
            deleteAll(store);
        }
        System.exit(status);
    }

    /** Posts the two bodies and reads the first message back once the hub answers; 0 when all were answered. */
    private static int train(int port, String authorization) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI create = URI.create("http://localhost:" + port + HttpGate.CREATE_MESSAGE);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        HttpResponse<String> first = null;
        while (first == null) {
            try {
                first = post(http, create, authorization, "application/json", JSON);
                // The HTTP server listens a few milliseconds before the hub's gate is on its router: 404 then.
                first = first.statusCode() == 404 ? null : first;
            } catch (IOException notListeningYet) {
                // not listening yet
            }
            if (first == null) {
                if (System.nanoTime() > deadline) {
                    System.err.println("The hub did not answer within 120 s: no startup archive");
                    return 1;
                }
                Thread.sleep(50);
            }
        }
        HttpResponse<String> xml = post(http, create, authorization, "application/xml", XML);
        java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"message_id\"\\s*:\\s*\"([0-9a-f-]+)\"")
                .matcher(first.body());
        int read = !id.find() ? 0 : http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + HttpGate.MESSAGES + id.group(1)))
                .header("Authorization", authorization).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        System.out.printf("Startup archive run: CreateMessage JSON %d, XML %d, message read %d%n",
                first.statusCode(), xml.statusCode(), read);
        return first.statusCode() < 500 && xml.statusCode() < 500 ? 0 : 1;
    }

    private static HttpResponse<String> post(HttpClient http, URI uri, String authorization, String type, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Content-Type", type)
                .header("Authorization", authorization).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteAll(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
