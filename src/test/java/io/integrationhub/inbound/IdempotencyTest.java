package io.integrationhub.inbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.integrationhub.support.TargetStandIn.TICKETING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.integrationhub.support.HubWithStandIns;
import io.integrationhub.support.RunningHub;
import io.integrationhub.support.Seeds;
import io.integrationhub.support.TargetStandIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SPEC §3 Idempotency-Key: a repeat gets the first answer and creates nothing; a different body is a conflict. */
abstract class IdempotencyTest {

    @RegisterExtension
    static final HubWithStandIns HUB = new HubWithStandIns().with("hub.partner.acme.secret", "acme-secret")
            .stubs(targets -> targets.server().stubFor(post(TICKETING).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody("{\"TicketMessageId\":11}"))));
    static TargetStandIn targets;
    static RunningHub hub;

    @BeforeEach
    void find() {
        hub = HUB.hub();
        targets = HUB.targets();
    }

    private static HttpResponse<String> postWithKey(String contentType, String body, String key) {
        return hub.post(contentType, body, Map.of("Authorization", RunningHub.basic("Automize", "automize-secret"),
                "Idempotency-Key", key));
    }

    @Test
    void theSameKeyTwiceGivesOneMessageOneDeliveryAndTheSameReceipt() {
        String body = Seeds.json("asynchronous", "idem-1", "idempotent");
        HttpResponse<String> first = postWithKey("application/json", body, "key-1");
        HttpResponse<String> second = postWithKey("application/json", body, "key-1");

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(202);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(hub.queryLong("SELECT COUNT(*) FROM hub_message WHERE correlation_id = 'idem-1'")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> hub.queryLong(
                "SELECT COUNT(*) FROM hub_message WHERE correlation_id = 'idem-1' AND status = 'processed'") == 1);
        assertThat(targets.received(TICKETING).stream().filter(r -> r.getBodyAsString().contains("idempotent")))
                .hasSize(1);
    }

    @Test
    void aSynchronousRepeatGetsTheFirstAnswerWithoutASecondDelivery() {
        String body = Seeds.XML.replace("5d3b0b079721ae10b2ddfbf0f053af2d", "idem-sync");
        HttpResponse<String> first = postWithKey("application/xml", body, "key-sync");
        int deliveries = targets.received(TICKETING).size();
        HttpResponse<String> second = postWithKey("application/xml", body, "key-sync");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(targets.received(TICKETING)).hasSize(deliveries);
        assertThat(hub.queryLong("SELECT COUNT(*) FROM hub_message WHERE correlation_id = 'idem-sync'")).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIs409() {
        assertThat(postWithKey("application/json", Seeds.json("asynchronous", "idem-2", "first"), "key-2").statusCode())
                .isEqualTo(202);
        HttpResponse<String> other = postWithKey("application/json", Seeds.json("asynchronous", "idem-2", "second"),
                "key-2");

        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(other.body()).contains("idempotency_conflict");
        assertThat(hub.queryLong("SELECT COUNT(*) FROM hub_message WHERE correlation_id = 'idem-2'")).isEqualTo(1);
    }

    @Test
    void keysAreScopedToThePartner() {
        assertThat(postWithKey("application/json", Seeds.json("asynchronous", "idem-3", "a"), "shared-key")
                .statusCode()).isEqualTo(202);
        // Another partner may use the same key for a message of its own: no conflict, a message of its own.
        HttpResponse<String> acme = hub.post("application/json", Seeds.json("asynchronous", "idem-3", "b")
                .replace("\"Automize\"", "\"Acme\""), Map.of("Authorization", RunningHub.basic("Acme",
                "acme-secret"), "Idempotency-Key", "shared-key"));

        assertThat(acme.statusCode()).as(acme.body()).isEqualTo(202);
        assertThat(hub.queryLong("SELECT COUNT(*) FROM hub_message WHERE idempotency_key = 'shared-key'"))
                .isEqualTo(2);
    }
}
