package io.integrationhub.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.integrationhub.support.RunningHub;
import io.integrationhub.support.Seeds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages still queued when the hub stops are delivered after it starts again over the same H2 file. */
abstract class RestartTest {

    private static final String NEW_MESSAGE = "/api/Tickets/NewMessage";

    @TempDir
    Path data;
    WireMockServer ticketing;
    RunningHub hub;

    @BeforeEach
    void start() {
        ticketing = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        ticketing.start();
        // A slow target: one key's messages go one at a time, so most are still queued when the hub stops.
        ticketing.stubFor(post(NEW_MESSAGE).willReturn(aResponse().withStatus(200).withFixedDelay(200)
                .withHeader("Content-Type", "application/json").withBody("{\"TicketMessageId\":7}")));
    }

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.close();
        }
        ticketing.stop();
    }

    @Test
    void queuedMessagesAreDeliveredAfterARestart() {
        Map<String, String> settings = RunningHub.settings(data, ticketing.baseUrl());
        hub = RunningHub.start(settings);
        int messages = 30;
        for (int i = 0; i < messages; i++) {
            assertThat(hub.post("application/json", Seeds.json("asynchronous", "restart-key", "restart message-" + i))
                    .statusCode()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(10)).until(() ->
                !ticketing.findAll(postRequestedFor(urlEqualTo(NEW_MESSAGE))).isEmpty());
        hub.stop();

        long queuedAtStop = ticketing.findAll(postRequestedFor(urlEqualTo(NEW_MESSAGE))).size();
        assertThat(queuedAtStop).as("messages delivered before the stop").isLessThan(messages);

        hub = RunningHub.start(settings);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                hub.queryLong("SELECT COUNT(*) FROM hub_message WHERE status = 'processed'") == messages);

        List<String> bodies = ticketing.findAll(postRequestedFor(urlEqualTo(NEW_MESSAGE))).stream()
                .map(LoggedRequest::getBodyAsString).toList();
        List<Integer> order = bodies.stream()
                .map(b -> Integer.parseInt(b.replaceAll("(?s).*restart message-(\\d+).*", "$1"))).toList();
        assertThat(order).isEqualTo(IntStream.range(0, messages).boxed().toList());
    }
}
