package io.integrationhub.ops;

import io.integrationhub.api.ApiErrorHandling;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;

/** The ops API of SPEC §7 on the main port, for the ops user (the HTTP gate authenticates it). */
public class OpsRoutes extends RouteBuilder {

    private static final String BASE = "platform-http:/api/ops";

    private final OpsApi api;
    private final MessageStory story;
    private final TargetsApi targets;

    public OpsRoutes(OpsApi api, MessageStory story, TargetsApi targets) {
        this.api = api;
        this.story = story;
        this.targets = targets;
    }

    @Override
    public void configure() {
        route("/stats", "GET", "ops-stats").process(api::stats);
        from("platform-http:/ops?matchOnUriPrefix=true&httpMethodRestrict=GET").routeId("ops-dashboard")
                .routeConfigurationId(ApiErrorHandling.ID).process(new DashboardFiles());
        route("/messages", "GET", "ops-messages").process(api::listMessages);
        route("/messages/{message_id}", "GET,DELETE", "ops-message")
                .choice()
                    .when(header(Exchange.HTTP_METHOD).isEqualTo("DELETE")).process(api::deleteMessage)
                    .otherwise().process(story::get)
                .end();
        route("/messages/{message_id}/payload", "PUT", "ops-edit-payload").process(story::editPayload);
        route("/messages/{message_id}/preview", "GET", "ops-preview").process(story::preview);
        route("/dead-letters", "GET", "ops-dead-letters").process(api::listDeadLetters);
        route("/dead-letters/replay", "POST", "ops-replay-dead-letters").process(api::replayMany);
        route("/dead-letters/{message_id}/replay", "POST", "ops-replay-dead-letter").process(api::replayOne);
        route("/targets", "GET", "ops-targets").process(targets::list);
        route("/targets/{name}/pause", "POST", "ops-pause-target").process(targets::pause);
        route("/targets/{name}/resume", "POST", "ops-resume-target").process(targets::resume);
    }

    /** An ops API route under {@code /api/ops}, answering errors as every API route does. */
    private RouteDefinition route(String path, String methods, String id) {
        return from(BASE + path + "?httpMethodRestrict=" + methods).routeId(id)
                .routeConfigurationId(ApiErrorHandling.ID);
    }
}
