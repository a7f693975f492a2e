package io.integrationhub.ops;

import java.util.List;

import io.integrationhub.store.JobLease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduled work that must run once across the cluster, not once per instance (retention, failing synchronous
 * messages whose hub died): each instance schedules it, and a run goes ahead only on the instance that holds the
 * job's lease. Retries that come due need no such guard: a retry is a claim, and a claim goes to one instance.
 */
public final class OncePerCluster implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(OncePerCluster.class);

    private final JobLease lease;
    private final long leaseMs;
    private final List<Runnable> jobs;
    private boolean wasHolder;

    /** @param leaseMs how long the lease lasts after each run: longer than the time between runs */
    public OncePerCluster(JobLease lease, long leaseMs, List<Runnable> jobs) {
        this.lease = lease;
        this.leaseMs = leaseMs;
        this.jobs = List.copyOf(jobs);
    }

    @Override
    public void run() {
        boolean holder;
        try {
            holder = lease.acquire(System.currentTimeMillis(), leaseMs);
        } catch (RuntimeException e) {
            LOG.warn("Could not take the scheduled jobs' lease: {}", e.getMessage());
            return;
        }
        if (holder != wasHolder) {
            LOG.info(holder ? "this instance now runs the cluster's scheduled jobs"
                    : "another instance runs the cluster's scheduled jobs");
            wasHolder = holder;
        }
        if (holder) {
            jobs.forEach(Runnable::run);
        }
    }
}
