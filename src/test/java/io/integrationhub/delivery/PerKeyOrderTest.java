package io.integrationhub.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.integrationhub.support.RunningHub;
import io.integrationhub.support.Seeds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §4 per-key order: a key's messages reach the target in the order their 202s came back. */
abstract class PerKeyOrderTest {

    private static final String NEW_MESSAGE = "/api/Tickets/NewMessage";
    private static final Pattern KEY_AND_SEQUENCE = Pattern.compile("order-key-(\\d+) message-(\\d+)");

    @TempDir
    Path data;
    WireMockServer ticketing;
    RunningHub hub;

    @BeforeEach
    void start() {
        ticketing = new WireMockServer(WireMockConfiguration.options().dynamicPort().containerThreads(40));
        ticketing.start();
        // A little latency per delivery, so that workers overlap and a wrong order would show.
        ticketing.stubFor(post(NEW_MESSAGE).willReturn(aResponse().withStatus(200).withFixedDelay(5)
                .withHeader("Content-Type", "application/json").withBody("{\"TicketMessageId\":1}")));
        hub = RunningHub.start(RunningHub.settings(data, ticketing.baseUrl()));
    }

    @AfterEach
    void stop() {
        hub.close();
        ticketing.stop();
    }

    @Test
    void eachKeysMessagesReachTheTargetInPostedOrder() throws Exception {
        int keys = 20;
        int perKey = 10;
        ExecutorService partners = Executors.newFixedThreadPool(keys);
        List<Future<?>> posting = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            int key = k;
            posting.add(partners.submit(() -> {
                for (int i = 0; i < perKey; i++) {
                    // Each message is sent after the previous one's 202 arrived.
                    HttpResponse<String> response = hub.post("application/json", Seeds.json("asynchronous",
                            "order-key-" + key, "order-key-" + key + " message-" + i));
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
                }
            }));
        }
        for (Future<?> f : posting) {
            f.get();
        }
        partners.shutdown();

        await().atMost(Duration.ofSeconds(60)).until(() ->
                ticketing.findAll(postRequestedFor(urlEqualTo(NEW_MESSAGE))).size() >= keys * perKey);

        Map<String, List<Integer>> received = new HashMap<>();
        for (LoggedRequest request : ticketing.findAll(postRequestedFor(urlEqualTo(NEW_MESSAGE)))) {
            Matcher m = KEY_AND_SEQUENCE.matcher(request.getBodyAsString());
            assertThat(m.find()).isTrue();
            received.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(Integer.parseInt(m.group(2)));
        }
        assertThat(received).hasSize(keys);
        List<Integer> expected = java.util.stream.IntStream.range(0, perKey).boxed().toList();
        received.forEach((key, order) -> assertThat(order).as("key " + key).isEqualTo(expected));
        // The last outcomes commit just after the target answered them.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(hub.queryLong(
                "SELECT COUNT(*) FROM hub_message WHERE status = 'processed'")).isEqualTo(keys * perKey));
    }
}
