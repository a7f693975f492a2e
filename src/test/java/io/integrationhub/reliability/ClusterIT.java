package io.integrationhub.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.integrationhub.support.TargetStandIn.TICKETING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.integrationhub.support.HubProcess;
import io.integrationhub.support.Seeds;
import io.integrationhub.support.TargetStandIn;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several packaged hubs on one PostgreSQL (SPEC §4 claims): they share the queue as competing consumers, keep each
 * key's order across instances, and take over the messages of an instance killed with SIGKILL once its lease ends.
 */
class ClusterIT {

    private static final Pattern MARKER = Pattern.compile("(cluster|retry)-(\\d+)-end");
    private static final int SENDERS = 6;
    private static final int KEYS = 60;
    private static final int MESSAGES = 3000;
    private static final int KILL_AFTER_RECEIPTS = 1000;
    private static final int CONCURRENCY = 4;
    private static final long LEASE_MS = 5000;

    private static EmbeddedPostgres postgres;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Test
    void threeHubsShareTheQueueAndTakeOverFromAKilledOne() throws Exception {
        String db = newDatabase();
        try (TargetStandIn target = new TargetStandIn()) {
            target.ticketingAccepts();
            List<String> arrivals = Collections.synchronizedList(new ArrayList<>());
            target.server().addMockServiceRequestListener((request, response) -> arrivals.add(request.getBodyAsString()));
            List<HubProcess> hubs = new ArrayList<>();
            List<Integer> ports = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                Map<String, String> settings = hubSettings("hub-" + i, db, target.baseUrl(), Map.of());
                ports.add(Integer.parseInt(settings.get("camel.server.port")));
                hubs.add(new HubProcess(settings, HubProcess.freshLog("cluster-it-hub-" + i)).start());
            }
            Set<Integer> alive = ConcurrentHashMap.newKeySet();
            alive.addAll(List.of(0, 1, 2));
            Set<Integer> receipted = ConcurrentHashMap.newKeySet();
            AtomicInteger next = new AtomicInteger();
            AtomicBoolean sending = new AtomicBoolean(true);
            ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2)).build();
            try {
                for (int t = 0; t < SENDERS; t++) {
                    int sender = t;
                    // Each key belongs to one sender, which sends its next message only after the last one's answer:
                    // the key's receipt order is then the order of its message numbers.
                    senders.execute(() -> {
                        int round = 0;
                        while (sending.get() && receipted.size() < MESSAGES) {
                            int key = sender + SENDERS * (round++ % (KEYS / SENDERS));
                            int n = next.getAndIncrement();
                            int hub = n % 3;
                            if (!alive.contains(hub)) {
                                hub = (hub + 1) % 3;
                            }
                            String body = Seeds.json("asynchronous", "cluster-key-" + key,
                                    "cluster-" + n + "-end cluster-key-" + key);
                            if (HubProcess.postAsPartner(http, ports.get(hub), body) == 202) {
                                receipted.add(n);
                            }
                        }
                    });
                }
                await().atMost(Duration.ofSeconds(120)).until(() -> receipted.size() >= KILL_AFTER_RECEIPTS);
                alive.remove(1);
                hubs.get(1).kill();
                int receiptsAtKill = receipted.size();
                await().atMost(Duration.ofSeconds(180)).until(() -> receipted.size() >= MESSAGES);
                sending.set(false);
                senders.shutdown();
                assertThat(senders.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

                await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                        .until(() -> arrived(arrivals).containsAll(receipted) && openMessages(db) == 0);
                Map<Integer, Integer> counts = new HashMap<>();
                List<String> snapshot;
                synchronized (arrivals) {
                    snapshot = List.copyOf(arrivals);
                }
                snapshot.forEach(b -> number(b).ifPresent(n -> counts.merge(n, 1, Integer::sum)));
                long lost = receipted.stream().filter(n -> !counts.containsKey(n)).count();
                long duplicates = counts.values().stream().filter(c -> c > 1).count();
                long dead = count(db, "SELECT COUNT(*) FROM hub_message WHERE status = 'dead'");
                int outOfOrder = outOfOrder(snapshot);
                Map<String, Long> byInstance = attemptsByInstance(db);
                System.out.printf("receipted=%d delivered=%d dead=%d lost=%d duplicates=%d out_of_order=%d "
                                + "receipts_at_kill=%d attempts_by_instance=%s%n", receipted.size(),
                        receipted.stream().filter(counts::containsKey).count(), dead, lost, duplicates, outOfOrder,
                        receiptsAtKill, byInstance);
                assertThat(lost).isZero();
                assertThat(dead).isZero();
                assertThat(outOfOrder).as("each key's messages reach the target in receipt order").isZero();
                assertThat(duplicates).as("only messages in flight at the kill go twice")
                        .isLessThanOrEqualTo(CONCURRENCY);
                assertThat(byInstance.keySet()).as("all three instances delivered")
                        .contains("hub-1", "hub-2", "hub-3");
            } finally {
                sending.set(false);
                senders.shutdownNow();
                for (HubProcess hub : hubs) {
                    hub.close();
                }
            }
        }
    }

    @Test
    void aRetryScheduledByAKilledHubIsCarriedOutOnceByAnotherHub() throws Exception {
        String db = newDatabase();
        int messages = 10;
        try (TargetStandIn target = new TargetStandIn()) {
            for (int i = 0; i < messages; i++) {
                String marker = "retry-" + i + "-end";
                target.server().stubFor(post(TICKETING).withRequestBody(containing(marker)).inScenario(marker)
                        .whenScenarioStateIs(STARTED).willSetStateTo("failed once")
                        .willReturn(aResponse().withStatus(503)));
                target.server().stubFor(post(TICKETING).withRequestBody(containing(marker)).inScenario(marker)
                        .whenScenarioStateIs("failed once").willReturn(aResponse().withStatus(200)
                                .withHeader("Content-Type", "application/json").withBody("{\"TicketMessageId\":7}")));
            }
            // Hub 1 alone makes the first attempts and schedules the retries, far enough ahead to be killed first;
            // ten failures in a row must not open ticketing's circuit (that is CircuitBreakerTest's).
            Map<String, String> first = hubSettings("hub-1", db, target.baseUrl(),
                    Map.of("hub.retry.initial-delay-ms", "15000", "hub.target.ticketing.circuit.failures", "100"));
            HubProcess hub1 = new HubProcess(first, HubProcess.freshLog("cluster-it-retry-hub-1")).start();
            List<HubProcess> others = new ArrayList<>();
            try {
                int port = Integer.parseInt(first.get("camel.server.port"));
                for (int i = 0; i < messages; i++) {
                    assertThat(HubProcess.postAsPartner(
                            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), port,
                            Seeds.json("asynchronous", "retry-key-" + i, "retry-" + i + "-end"))).isEqualTo(202);
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> count(db,
                        "SELECT COUNT(*) FROM hub_message WHERE status = 'retrying'") == messages);
                hub1.kill();
                for (int i = 2; i <= 3; i++) {
                    others.add(new HubProcess(hubSettings("hub-" + i, db, target.baseUrl(), Map.of()),
                            HubProcess.freshLog("cluster-it-retry-hub-" + i)).start());
                }
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> count(db,
                        "SELECT COUNT(*) FROM hub_message WHERE status = 'processed'") == messages);

                Map<Integer, Integer> counts = new HashMap<>();
                target.received(TICKETING).forEach(r -> number(r.getBodyAsString())
                        .ifPresent(n -> counts.merge(n, 1, Integer::sum)));
                assertThat(counts).as("one failed attempt and one retry per message, no more")
                        .hasSize(messages).allSatisfy((n, c) -> assertThat(c).isEqualTo(2));
                assertThat(count(db, "SELECT COUNT(*) FROM hub_attempt WHERE attempt_no = 1 AND instance = 'hub-1'"))
                        .isEqualTo(messages);
                assertThat(count(db, "SELECT COUNT(*) FROM hub_attempt WHERE attempt_no = 2 "
                        + "AND outcome = 'delivered' AND instance IN ('hub-2', 'hub-3')")).isEqualTo(messages);
                assertThat(count(db, "SELECT COUNT(*) FROM hub_attempt")).isEqualTo(2L * messages);
            } finally {
                hub1.close();
                for (HubProcess hub : others) {
                    hub.close();
                }
            }
        }
    }

    private static Map<String, String> hubSettings(String instance, String db, String targetUrl,
                                                   Map<String, String> extra) {
        Map<String, String> s = HubProcess.settings(Path.of("target"), targetUrl);
        s.put("hub.db.url", db);
        s.put("hub.db.user", "postgres");
        s.put("hub.instance.id", instance);
        s.put("hub.worker.concurrency", String.valueOf(CONCURRENCY));
        s.put("hub.worker.lease-ms", String.valueOf(LEASE_MS));
        s.putAll(extra);
        return s;
    }

    private static String newDatabase() throws SQLException {
        String name = "cluster_" + DATABASES.incrementAndGet();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return postgres.getJdbcUrl("postgres", name);
    }


    private static java.util.Optional<Integer> number(String body) {
        Matcher m = MARKER.matcher(body);
        return m.find() ? java.util.Optional.of(Integer.parseInt(m.group(2))) : java.util.Optional.empty();
    }

    private static Set<Integer> arrived(List<String> arrivals) {
        Set<Integer> arrived = new java.util.HashSet<>();
        synchronized (arrivals) {
            arrivals.forEach(body -> number(body).ifPresent(arrived::add));
        }
        return arrived;
    }

    /** Messages of a key whose first arrival came after the first arrival of a later message of the same key. */
    private static int outOfOrder(List<String> arrivals) {
        Pattern key = Pattern.compile("cluster-key-(\\d+)");
        Map<String, Integer> lastFirstArrival = new HashMap<>();
        Set<Integer> seen = new java.util.HashSet<>();
        int outOfOrder = 0;
        for (String body : arrivals) {
            Matcher k = key.matcher(body);
            java.util.Optional<Integer> n = number(body);
            if (!k.find() || n.isEmpty() || !seen.add(n.get())) {
                continue;
            }
            Integer previous = lastFirstArrival.put(k.group(1), n.get());
            if (previous != null && previous > n.get()) {
                outOfOrder++;
            }
        }
        return outOfOrder;
    }

    private static long openMessages(String db) throws SQLException {
        return count(db, "SELECT COUNT(*) FROM hub_message WHERE status IN ('queued', 'processing', 'retrying')");
    }

    private static Map<String, Long> attemptsByInstance(String db) throws SQLException {
        Map<String, Long> byInstance = new java.util.TreeMap<>();
        try (Connection c = DriverManager.getConnection(db, "postgres", "");
             PreparedStatement s = c.prepareStatement("SELECT instance, COUNT(*) FROM hub_attempt GROUP BY instance");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                byInstance.put(rs.getString(1), rs.getLong(2));
            }
        }
        return byInstance;
    }

    private static long count(String db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db, "postgres", "");
             PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
