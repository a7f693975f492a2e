package io.integrationhub.ops;

import io.integrationhub.api.ApiErrorHandling;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/** The ops API of SPEC §7 on the main port, for the ops user (the HTTP gate authenticates it). */
public class OpsRoutes extends RouteBuilder {

    private static final String BASE = "platform-http:/api/ops";

    private final OpsApi api;
    private final TargetsApi targets;

    public OpsRoutes(OpsApi api, TargetsApi targets) {
        this.api = api;
        this.targets = targets;
    }

    @Override
    public void configure() {
        from(BASE + "/stats?httpMethodRestrict=GET").routeId("ops-stats").routeConfigurationId(ApiErrorHandling.ID)
                .process(api::stats);
        from("platform-http:/ops?matchOnUriPrefix=true&httpMethodRestrict=GET").routeId("ops-dashboard").routeConfigurationId(ApiErrorHandling.ID)
                .process(new DashboardFiles());
        from(BASE + "/messages?httpMethodRestrict=GET").routeId("ops-messages").routeConfigurationId(ApiErrorHandling.ID)
                .process(api::listMessages);
        from(BASE + "/messages/{message_id}?httpMethodRestrict=GET,DELETE").routeId("ops-message").routeConfigurationId(ApiErrorHandling.ID)
                .choice()
                    .when(header(Exchange.HTTP_METHOD).isEqualTo("DELETE")).process(api::deleteMessage)
                    .otherwise().process(api::getMessage)
                .end();
        from(BASE + "/dead-letters?httpMethodRestrict=GET").routeId("ops-dead-letters").routeConfigurationId(ApiErrorHandling.ID)
                .process(api::listDeadLetters);
        from(BASE + "/dead-letters/replay?httpMethodRestrict=POST").routeId("ops-replay-dead-letters").routeConfigurationId(ApiErrorHandling.ID)
                .process(api::replayMany);
        from(BASE + "/dead-letters/{message_id}/replay?httpMethodRestrict=POST").routeId("ops-replay-dead-letter").routeConfigurationId(ApiErrorHandling.ID)
                .process(api::replayOne);
        from(BASE + "/targets?httpMethodRestrict=GET").routeId("ops-targets").routeConfigurationId(ApiErrorHandling.ID)
                .process(targets::list);
        from(BASE + "/targets/{name}/pause?httpMethodRestrict=POST").routeId("ops-pause-target").routeConfigurationId(ApiErrorHandling.ID)
                .process(targets::pause);
        from(BASE + "/targets/{name}/resume?httpMethodRestrict=POST").routeId("ops-resume-target").routeConfigurationId(ApiErrorHandling.ID)
                .process(targets::resume);
    }
}
