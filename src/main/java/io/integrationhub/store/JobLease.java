package io.integrationhub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * A cluster-wide lease on one scheduled job, so that several hubs on one store run it once, not once each: the
 * instance that holds the lease runs the job and renews the lease on each run; when it stops renewing (it died),
 * another instance takes the lease once it has expired.
 */
public final class JobLease {

    private final DataSource dataSource;
    private final String job;
    private final String instanceId;
    private volatile boolean held;

    public JobLease(DataSource dataSource, String job, String instanceId) {
        this.dataSource = dataSource;
        this.job = job;
        this.instanceId = instanceId;
    }

    /** Takes or renews the lease until {@code now + durationMs}; true when this instance holds it. */
    public boolean acquire(long now, long durationMs) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE hub_job_lease SET holder = ?, expires_at = ? "
                     + "WHERE job = ? AND (holder = ? OR holder IS NULL OR expires_at < ?)")) {
            s.setString(1, instanceId);
            s.setLong(2, now + durationMs);
            s.setString(3, job);
            s.setString(4, instanceId);
            s.setLong(5, now);
            held = s.executeUpdate() == 1;
            return held;
        } catch (SQLException e) {
            held = false;
            throw Jdbc.unavailable(e);
        }
    }

    /** Gives the lease up, so that another instance need not wait for it to expire (on a clean stop). */
    public void release() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE hub_job_lease SET holder = NULL, expires_at = 0 "
                     + "WHERE job = ? AND holder = ?")) {
            s.setString(1, job);
            s.setString(2, instanceId);
            s.executeUpdate();
            held = false;
        } catch (SQLException e) {
            throw Jdbc.unavailable(e);
        }
    }

    /** Whether this instance held the lease at its last attempt to take it. */
    public boolean held() {
        return held;
    }
}
