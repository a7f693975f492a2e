package io.integrationhub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import io.integrationhub.support.Envelopes;
import io.integrationhub.support.RunningHub;
import io.integrationhub.support.TargetStandIn;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumerAware;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CreateMessage routes run on the event loop through the hub's own consumer, which leans on platform-http's
 * package-private response writer: after a Camel upgrade this fails loudly if platform-http stopped using the hub's
 * engine (the routes would silently go back to worker threads) or if its answers stopped being written.
 */
abstract class EventLoopConsumerTest {

    @TempDir
    Path data;

    @Test
    void createMessageRoutesUseTheEventLoopConsumerAndAnswerThroughIt() {
        try (TargetStandIn targets = new TargetStandIn();
             RunningHub hub = RunningHub.start(RunningHub.settings(data, targets.baseUrl()))) {
            for (String route : List.of("inbound-create-message", "inbound-create-message-typed",
                    "inbound-payload-message")) {
                assertThat(engineConsumer(hub, route)).as(route).isInstanceOf(EventLoopHttpConsumer.class);
            }
            assertThat(engineConsumer(hub, "inbound-message-status")).isNotInstanceOf(EventLoopHttpConsumer.class);

            var answer = hub.post("application/json", Envelopes.json("asynchronous", "Inbound Automize Incident",
                    "loop-1", Envelopes.payload("{\"short_description\": \"x\", \"urgency\": 1, \"impact\": 1}")));

            assertThat(answer.statusCode()).isEqualTo(202);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(answer.body()).contains("\"status\":\"queued\"");
        }
    }

    /** The consumer platform-http's engine made for a route, behind platform-http's own. */
    private static Object engineConsumer(RunningHub hub, String route) {
        return ((PlatformHttpConsumerAware) hub.context().getRoute(route).getConsumer()).getPlatformHttpConsumer();
    }
}
