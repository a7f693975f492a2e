package io.integrationhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gate in front of the API routes, on a real Vert.x server with the body handler behind it as platform-http has. */
class HttpGateTest {

    private static final String BODY = "{\"message_type\":\"Inbound Automize Incident\",\"payload\":{\"n\":1}}";

    private Vertx vertx;
    private HttpServer server;
    private HttpGate gate;

    @BeforeEach
    void startServer() throws Exception {
        vertx = Vertx.vertx();
        gate = new HttpGate(PartnerDirectory.from(Set.of("hub.partner.automize.secret"), Set.of(),
                key -> Optional.of("automize-secret"), "admin", "admin-secret"), 1024 * 1024, realm -> { });
        Router router = Router.router(vertx);
        router.route().order(-1000).handler(gate);
        router.route().handler(BodyHandler.create());
        router.route().handler(ctx -> ctx.response().setStatusCode(202).end(ctx.body().asString()));
        server = vertx.createHttpServer().requestHandler(router).listen(0).toCompletionStage().toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopServer() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aRequestBeforeTheHubIsReadyWaitsAndKeepsItsBody() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + server.actualPort() + HttpGate.CREATE_MESSAGE))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("Automize:automize-secret"
                        .getBytes()))
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.ofString());

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> gate.waiting() == 1);
        assertThat(answer).isNotDone();

        gate.open();

        HttpResponse<String> response = answer.get(10, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEqualTo(BODY);
        assertThat(gate.waiting()).isZero();
    }

    @Test
    void onceOpenTheGateStillRefusesWrongCredentials() throws Exception {
        gate.open();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + server.actualPort() + HttpGate.CREATE_MESSAGE))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("Automize:wrong".getBytes()))
                .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"unauthorized\"");
    }
}
