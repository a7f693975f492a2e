package io.integrationhub.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import io.integrationhub.Hub;
import io.integrationhub.HubMain;
import org.apache.camel.main.Main;

/** The real hub, started in this JVM on free ports over the suite's store ({@link OnStore}), and a client for it. */
public final class RunningHub implements AutoCloseable {

    public static final String CREATE_MESSAGE = "/api/x_autps_int_app/integration_app/CreateMessage";
    public static final String PARTNER = "Automize";
    public static final String SECRET = "automize-secret";

    private final Map<String, String> settings;
    // HTTP/1.1 as partners and ops tools speak it: the JDK client's h2c upgrade to the management server could hang a
    // request past its timeout.
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private Main main;
    private int port;

    private RunningHub(Map<String, String> settings) {
        this.settings = settings;
    }

    /**
     * Settings for a hub whose store lives under {@code dataDir} and whose four targets are the one stand-in at
     * {@code targetUrl} (their paths differ), each with credentials of its own.
     */
    public static Map<String, String> settings(Path dataDir, String targetUrl) {
        Map<String, String> s = new HashMap<>();
        s.put("camel.server.port", String.valueOf(freePort()));
        s.put("camel.management.port", String.valueOf(freePort()));
        TestStore store = TestStores.selectedOrH2();
        s.put("hub.db.url", store.newUrl(dataDir));
        s.put("hub.db.user", store.user());
        s.put("hub.target.ticketing.url", targetUrl);
        s.put("hub.target.ticketing.authorization", "Basic dGVzdDp0aWNrZXRpbmc=");
        s.put("hub.target.superoffice.url", targetUrl);
        s.put("hub.target.superoffice.authorization", "SoTicket test-so-ticket");
        s.put("hub.target.superoffice.app-token", "test-app-token");
        s.put("hub.target.itx.url", targetUrl);
        s.put("hub.target.itx.tokenv2", "test-itx-token");
        s.put("hub.target.itx.rcntrl", "17");
        s.put("hub.target.itx.ccntrl", "4");
        s.put("hub.target.webex.url", targetUrl);
        s.put("hub.target.webex.service-key", "test-webex-key");
        s.put("hub.retry.initial-delay-ms", "100");
        s.put("hub.instance.id", "test-hub");
        return s;
    }

    /**
     * {@link #settings} for a second hub on the store of {@code first} (a PostgreSQL one): its own ports and data
     * folder, instance {@code instanceId}.
     */
    public static Map<String, String> onTheSameStore(Map<String, String> first, Path dataDir, String targetUrl,
                                                     String instanceId) {
        Map<String, String> s = settings(dataDir, targetUrl);
        s.put("hub.db.url", first.get("hub.db.url"));
        s.put("hub.instance.id", instanceId);
        return s;
    }

    public static RunningHub start(Map<String, String> settings) {
        TestStores.selected();
        RunningHub hub = new RunningHub(Map.copyOf(settings));
        hub.start();
        return hub;
    }

    public void start() {
        main = HubMain.newMain(settings);
        try {
            main.start();
        } catch (Exception e) {
            throw new IllegalStateException("The hub did not start", e);
        }
        port = Integer.parseInt(settings.get("camel.server.port"));
    }

    public void stop() {
        if (main != null) {
            main.stop();
            main = null;
        }
    }

    public org.apache.camel.CamelContext context() {
        return main.getCamelContext();
    }

    public Hub hub() {
        return main.getCamelContext().getRegistry().lookupByNameAndType("hub", Hub.class);
    }

    public int managementPort() {
        return Integer.parseInt(settings.get("camel.management.port"));
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    public HttpResponse<String> post(String contentType, String body) {
        return post(contentType, body, Map.of("Authorization", basic(PARTNER, SECRET)));
    }

    public HttpResponse<String> post(String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(CREATE_MESSAGE)))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return send(request.build());
    }

    public HttpResponse<String> get(String path, String user, String password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30));
        if (user != null) {
            request.header("Authorization", basic(user, password));
        }
        return send(request.GET().build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET /observe/health on the management port: each check's state and message. */
    public HttpResponse<String> health() {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort() + "/observe/health"))
                .build());
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A lane's {@code state} as GET /api/ops/targets gives it (closed, open, half_open, paused). */
    public String laneState(String target) {
        try {
            for (var lane : Envelopes.JSON.readTree(get("/api/ops/targets", "admin", "admin-secret").body())) {
                if (lane.get("target").asText().equals(target)) {
                    return lane.get("state").asText();
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("no lane " + target);
    }

    /** One series' value on /observe/metrics (e.g. {@code hub_target_up{target="ticketing"}}), NaN when absent. */
    public double metric(String series) {
        String metrics = send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort()
                + "/observe/metrics")).build()).body();
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1));
            }
        }
        return Double.NaN;
    }

    /** How many messages the store holds. */
    public long storedMessages() {
        return queryLong("SELECT COUNT(*) FROM hub_message");
    }

    public long queryLong(String sql, Object... args) {
        try (Connection c = hub().database().dataSource().getConnection();
             PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public String queryString(String sql, Object... args) {
        try (Connection c = hub().database().dataSource().getConnection();
             PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
