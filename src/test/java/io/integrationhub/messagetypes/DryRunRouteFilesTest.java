package io.integrationhub.messagetypes;

import static io.integrationhub.support.TargetStandIn.TICKETING;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import io.integrationhub.support.Envelopes;
import io.integrationhub.support.RouteFilesHub;
import io.integrationhub.support.RunningHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SPEC §5 Dry run against route files with steps of their own: it runs them, sends nothing, shows no secret. */
abstract class DryRunRouteFilesTest {

    @RegisterExtension
    final RouteFilesHub files = new RouteFilesHub();

    @Test
    void aDryRunThroughARouteWithStepsSendsNothingAndShowsNoSecret() {
        files.write("noted.yaml", """
                - route:
                    from:
                      uri: "message-type:Noted Incident"
                      parameters:
                        connector: ticketing
                      steps:
                        - log:
                            message: "noted ${body[correlation_id]}"
                        - choice:
                            when:
                              - jq: ".payload.urgency == 1"
                                steps:
                                  - to: connector:webex
                                  - to: field:evtid?value=urgent
                            otherwise:
                              steps:
                                - to: field:TicketREF?value={external_reference}
                                - to: "field:Message?value={{hub.target.ticketing.authorization}}"
                """);
        files.targets().ticketingAccepts();
        RunningHub hub = files.start();
        long stored = hub.storedMessages();

        HttpResponse<String> dry = hub.post("application/json", Envelopes.json("asynchronous", "Noted Incident",
                "dry-noted", Envelopes.payload("{\"urgency\": 3}")), Map.of("Authorization",
                RunningHub.basic(RunningHub.PARTNER, RunningHub.SECRET), "X-Dry-Run", "true"));

        assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
        assertThat(dry.body()).contains("\"target\":\"ticketing\"").contains("\"Message\":\"***\"")
                .doesNotContain("dGVzdDp0aWNrZXRpbmc=");
        assertThat(hub.storedMessages()).isEqualTo(stored);
        assertThat(files.targets().received(TICKETING)).isEmpty();
        assertThat(files.targets().server().getAllServeEvents()).isEmpty();
    }
}
