package io.integrationhub.ops;

import java.util.Map;

import io.integrationhub.store.Database;
import io.integrationhub.store.JobLease;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * UP while the store answers: without it the hub cannot take a message (it answers 503). Names this instance, the
 * store it holds a connection to, how many messages it has claimed and whether it runs the cluster's scheduled jobs,
 * so that ops can tell the hubs behind one load balancer apart.
 */
public final class StoreHealthCheck extends AbstractHealthCheck {

    private final Database database;
    private final String instanceId;
    private final java.util.function.IntSupplier heldClaims;
    private final JobLease scheduledJobs;

    public StoreHealthCheck(Database database, String instanceId,
                            java.util.function.IntSupplier heldClaims,
                            JobLease scheduledJobs) {
        super("hub", "store");
        this.database = database;
        this.instanceId = instanceId;
        this.heldClaims = heldClaims;
        this.scheduledJobs = scheduledJobs;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String kind = database.dialect().name().toLowerCase(java.util.Locale.ROOT);
        builder.detail("instance.id", instanceId);
        builder.detail("store.kind", kind);
        boolean reachable = database.isReachable();
        builder.detail("store.connected", reachable);
        builder.detail("claims.held", heldClaims.getAsInt());
        builder.detail("scheduled-jobs.runs-here", scheduledJobs.held());
        if (reachable) {
            builder.message("instance " + instanceId + ": the store answers (" + kind + "); " + heldClaims.getAsInt()
                    + " messages claimed; " + (scheduledJobs.held() ? "runs" : "does not run")
                    + " the scheduled jobs").up();
        } else {
            builder.message("instance " + instanceId + ": the store does not answer (" + kind + ")").down();
        }
    }
}
