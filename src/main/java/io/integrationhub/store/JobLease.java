package io.integrationhub.store;

import javax.sql.DataSource;

/**
 * A cluster-wide lease on one scheduled job, so that several hubs on one store run it once, not once each: the
 * instance that holds the lease runs the job and renews the lease on each run; when it stops renewing (it died),
 * another instance takes the lease once it has expired.
 */
public final class JobLease {

    private final Sql sql;
    private final String job;
    private final String instanceId;
    private volatile boolean held;

    public JobLease(DataSource dataSource, String job, String instanceId) {
        this.sql = new Sql(dataSource);
        this.job = job;
        this.instanceId = instanceId;
    }

    /** Takes or renews the lease until {@code now + durationMs}; true when this instance holds it. */
    public boolean acquire(long now, long durationMs) {
        held = false; // stays false when the store does not answer
        held = sql.update("UPDATE hub_job_lease SET holder = ?, expires_at = ? WHERE job = ? "
                + "AND (holder = ? OR holder IS NULL OR expires_at < ?)", instanceId, now + durationMs, job,
                instanceId, now) == 1;
        return held;
    }

    /** Gives the lease up, so that another instance need not wait for it to expire (on a clean stop). */
    public void release() {
        sql.update("UPDATE hub_job_lease SET holder = NULL, expires_at = 0 WHERE job = ? AND holder = ?", job,
                instanceId);
        held = false;
    }

    /** Whether this instance held the lease at its last attempt to take it. */
    public boolean held() {
        return held;
    }
}
