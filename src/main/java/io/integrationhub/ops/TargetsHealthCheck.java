package io.integrationhub.ops;

import java.util.Map;

import io.integrationhub.api.Timestamps;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * SPEC §7 {@code targets}: names each target whose circuit is open or half-open or whose lane is paused, and since
 * when. Always UP: a target's outage is not the hub's, and the hub keeps taking its messages in. It reads the lanes'
 * states alone: their counts in the store would cost every probe queries on a deep queue, and ran before the store's
 * schema was migrated.
 */
public final class TargetsHealthCheck extends AbstractHealthCheck {

    private final Lanes lanes;

    public TargetsHealthCheck(Lanes lanes) {
        super("hub", "targets");
        this.lanes = lanes;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        StringBuilder notClosed = new StringBuilder();
        for (Lanes.State lane : lanes.states()) {
            builder.detail("target." + lane.target() + ".state", lane.state());
            if (!"closed".equals(lane.state())) {
                String since = "";
                if (lane.since() != null && lane.since() > 0) {
                    builder.detail("target." + lane.target() + ".since", Timestamps.iso(lane.since()));
                    since = " since " + Timestamps.iso(lane.since());
                }
                notClosed.append(notClosed.length() == 0 ? "" : "; ").append(lane.target()).append(' ')
                        .append(lane.state().replace('_', '-')).append(since);
            }
        }
        builder.message(notClosed.length() == 0 ? "every target's lane is delivering"
                : "not delivering: " + notClosed).up();
    }
}
