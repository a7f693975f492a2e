package io.integrationhub.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.integrationhub.support.TargetStandIn.TICKETING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.integrationhub.support.HubProcess;
import io.integrationhub.support.PartnerLoad;
import io.integrationhub.support.Seeds;
import io.integrationhub.support.TargetStandIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clean stop (SIGTERM, as a container runtime sends) while partners post and deliveries are under way: the
 * deliveries finish and are recorded, the claims left are handed back, and only then does the store close. H2 closes
 * its databases from a shutdown hook of its own, which ran beside Camel's stop and closed the store under the hub.
 */
class StopIT {

    private static final Pattern MARKER = Pattern.compile("stop-(\\d+)-end");
    private static final int SENDERS = 8;

    @TempDir
    Path data;

    @Test
    void aStopUnderLoadFinishesTheDeliveriesUnderWayAndHandsTheRestBack() throws Exception {
        try (TargetStandIn target = new TargetStandIn()) {
            target.server().stubFor(post(TICKETING).willReturn(aResponse().withStatus(200).withFixedDelay(20)
                    .withHeader("Content-Type", "application/json").withBody("{\"TicketMessageId\":7}")));
            Map<String, String> settings = HubProcess.settings(data, target.baseUrl());
            Path log = HubProcess.freshLog("stop-it-hub");
            int port = Integer.parseInt(settings.get("camel.server.port"));

            HubProcess hub = new HubProcess(settings, log).start();
            PartnerLoad load = new PartnerLoad(port, SENDERS,
                    n -> Seeds.json("asynchronous", "stop-key-" + (n % 20), "stop-" + n + "-end"));
            // The store busy with receipts and outcomes, deliveries under way: then the stop.
            await().atMost(Duration.ofSeconds(60)).until(() -> target.received(TICKETING).size() >= 100);
            // 143: the JVM's status after SIGTERM, once its shutdown hooks have run.
            assertThat(hub.stop()).isEqualTo(143);
            load.stop();

            assertThat(Files.readString(log)).doesNotContain("already closed").doesNotContain("Could not hand over")
                    .doesNotContain("failed unexpectedly");
            Map<Integer, String> stored = statusesInStore(settings.get("hub.db.url"), settings.get("hub.db.user"));
            assertThat(stored.keySet()).as("every receipted message is in the store").containsAll(load.receipted());
            assertThat(stored.values()).as("a clean stop leaves no claim behind").doesNotContain("processing");
        }
    }

    /** Each stored message's status, by the number in the description that marks it. */
    private static Map<Integer, String> statusesInStore(String url, String user) throws Exception {
        Map<Integer, String> statuses = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url, user, ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT body, status FROM hub_message")) {
            while (rs.next()) {
                Matcher m = MARKER.matcher(new String(rs.getBytes(1), StandardCharsets.UTF_8));
                if (m.find()) {
                    statuses.put(Integer.parseInt(m.group(1)), rs.getString(2));
                }
            }
        }
        return statuses;
    }
}
