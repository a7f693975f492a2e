package io.integrationhub.ops;

import io.integrationhub.store.MessageLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hub.retention.days}: processed messages older than that are purged in the background, a small batch per
 * transaction so that ingest never waits behind a long delete. Dead and failed messages stay until ops replay or
 * delete them.
 */
public final class Retention implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    private static final int BATCH = 500;
    private static final int MAX_BATCHES_PER_RUN = 200;

    private final MessageLog log;
    private final long retentionMs;

    public Retention(MessageLog log, double retentionDays) {
        this.log = log;
        this.retentionMs = (long) (retentionDays * 24 * 60 * 60 * 1000);
    }

    @Override
    public void run() {
        try {
            long before = System.currentTimeMillis() - retentionMs;
            int purged = 0;
            for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
                int n = log.purgeProcessed(before, BATCH);
                purged += n;
                if (n < BATCH) {
                    break;
                }
            }
            if (purged > 0) {
                LOG.info("retention purged {} processed messages older than {} ms", purged, retentionMs);
            }
        } catch (RuntimeException e) {
            LOG.warn("Retention could not purge: {}", e.getMessage());
        }
    }
}
