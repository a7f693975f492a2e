package io.integrationhub.ops;

import java.util.List;

import io.integrationhub.inbound.AnswerWriter;
import io.integrationhub.inbound.ApiError;
import io.integrationhub.store.StoreUnavailableException;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/** The ops API of SPEC §7 on the main port, for the ops user (the HTTP gate authenticates it). */
public class OpsRoutes extends RouteBuilder {

    private static final String BASE = "platform-http:/api/ops";

    private final OpsApi api;

    public OpsRoutes(OpsApi api) {
        this.api = api;
    }

    @Override
    public void configure() {
        onException(ApiError.class).handled(true)
                .process(e -> AnswerWriter.error(e, e.getProperty(Exchange.EXCEPTION_CAUGHT, ApiError.class)));
        onException(StoreUnavailableException.class).handled(true)
                .log(LoggingLevel.ERROR, "Store unavailable: ${exception.message}")
                .process(e -> AnswerWriter.error(e, new ApiError(503, "store_unavailable",
                        "The store is unavailable: try again shortly.", List.of())));

        from(BASE + "/stats?httpMethodRestrict=GET").routeId("ops-stats")
                .process(api::stats);
        from("platform-http:/ops?matchOnUriPrefix=true&httpMethodRestrict=GET").routeId("ops-dashboard")
                .process(new DashboardFiles());
        from(BASE + "/messages?httpMethodRestrict=GET").routeId("ops-messages")
                .process(api::listMessages);
        from(BASE + "/messages/{message_id}?httpMethodRestrict=GET,DELETE").routeId("ops-message")
                .choice()
                    .when(header(Exchange.HTTP_METHOD).isEqualTo("DELETE")).process(api::deleteMessage)
                    .otherwise().process(api::getMessage)
                .end();
        from(BASE + "/dead-letters?httpMethodRestrict=GET").routeId("ops-dead-letters")
                .process(api::listDeadLetters);
        from(BASE + "/dead-letters/replay?httpMethodRestrict=POST").routeId("ops-replay-dead-letters")
                .process(api::replayMany);
        from(BASE + "/dead-letters/{message_id}/replay?httpMethodRestrict=POST").routeId("ops-replay-dead-letter")
                .process(api::replayOne);
    }
}
