package io.integrationhub.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.integrationhub.support.TargetStandIn.TICKETING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhub.support.Envelopes;
import io.integrationhub.support.HubProcess;
import io.integrationhub.support.PartnerLoad;
import io.integrationhub.support.RunningHub;
import io.integrationhub.support.Seeds;
import io.integrationhub.support.TargetStandIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §4 nothing lost: the packaged hub is killed with SIGKILL while it receives and delivers, then started again
 * over the same H2 file. Every message that got a 202 must be delivered (or dead); only messages in flight at the
 * kill may reach the target twice.
 */
class CrashIT {

    private static final Pattern MARKER = Pattern.compile("crash-(\\d+)-end");
    private static final int SENDERS = 8;
    private static final int KILL_AFTER_RECEIPTS = 1500;
    private static final int CONCURRENCY = 8;

    @TempDir
    Path data;

    @Test
    void everyReceiptedMessageIsDeliveredAfterAKill() throws Exception {
        try (TargetStandIn target = new TargetStandIn()) {
            target.server().stubFor(post(TICKETING).willReturn(aResponse().withStatus(200).withFixedDelay(2)
                    .withHeader("Content-Type", "application/json").withBody("{\"TicketMessageId\":1}")));
            Map<String, String> settings = HubProcess.settings(data, target.baseUrl());
            settings.put("hub.worker.concurrency", String.valueOf(CONCURRENCY));
            Path log = HubProcess.freshLog("crash-it-hub");
            int port = Integer.parseInt(settings.get("camel.server.port"));

            HubProcess hub = new HubProcess(settings, log).start();
            PartnerLoad load = new PartnerLoad(port, SENDERS,
                    n -> Seeds.json("asynchronous", "crash-key-" + (n % 50), "crash-" + n + "-end"));
            Set<Integer> receipted = load.receipted();
            await().atMost(Duration.ofSeconds(120)).until(() -> receipted.size() >= KILL_AFTER_RECEIPTS);
            int deliveredBeforeKill = target.received(TICKETING).size();
            hub.kill();
            load.stop();
            assertThat(deliveredBeforeKill).as("deliveries were under way at the kill").isGreaterThan(0);

            hub = new HubProcess(settings, log).start();
            try {
                await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                        .until(() -> delivered(target).keySet().containsAll(receipted));
                await().atMost(Duration.ofSeconds(30)).until(() -> openMessages(port) == 0);
                Map<Integer, Integer> delivered = delivered(target);
                long lost = receipted.stream().filter(n -> !delivered.containsKey(n)).count();
                long duplicates = delivered.values().stream().filter(c -> c > 1).count();
                long dead = total(port, "dead");
                System.out.printf("receipted=%d delivered=%d dead=%d lost=%d duplicates=%d%n", receipted.size(),
                        receipted.stream().filter(delivered::containsKey).count(), dead, lost, duplicates);
                assertThat(lost).isZero();
                assertThat(duplicates).as("only messages in flight at the kill go twice")
                        .isLessThanOrEqualTo(CONCURRENCY);
            } finally {
                hub.close();
            }
        }
    }

    private static Map<Integer, Integer> delivered(TargetStandIn target) {
        Map<Integer, Integer> counts = new HashMap<>();
        target.received(TICKETING).forEach(r -> {
            Matcher m = MARKER.matcher(r.getBodyAsString());
            if (m.find()) {
                counts.merge(Integer.parseInt(m.group(1)), 1, Integer::sum);
            }
        });
        return counts;
    }

    private static long openMessages(int port) throws Exception {
        return total(port, "queued") + total(port, "processing") + total(port, "retrying");
    }

    private static long total(int port, String status) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + port + "/api/ops/messages?limit=1&status=" + status))
                .header("Authorization", RunningHub.basic("admin", "admin-secret")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = Envelopes.JSON.readTree(r.body());
        return body.get("total").asLong();
    }
}
