package io.integrationhub.store;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many hubs share this PostgreSQL, so that they share its group commits in flight
 * ({@link MessageStore#shareWritersAmong}): each hub names its connections {@code integration-hub <instance>} (the
 * {@code application_name} that {@code pg_stat_activity} shows, which also tells ops whose a connection is), and the
 * distinct names among the database's connections are counted. No table of its own: a hub that stops or dies drops
 * its connections and is no longer counted. Run every few seconds; on H2 (one process) it is not used.
 */
public final class StoreInstances implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreInstances.class);
    private static final String APPLICATION = "integration-hub ";
    private static final String COUNT = "SELECT count(DISTINCT application_name) FROM pg_stat_activity "
            + "WHERE datname = current_database() AND application_name LIKE '" + APPLICATION + "%'";

    private final Sql sql;
    private final MessageStore store;
    private volatile int counted = 1;

    public StoreInstances(DataSource dataSource, MessageStore store) {
        this.sql = new Sql(dataSource);
        this.store = store;
    }

    /** The application name of an instance's connections (PostgreSQL keeps its first 63 bytes). */
    static String applicationName(String instanceId) {
        return APPLICATION + instanceId;
    }

    @Override
    public void run() {
        long instances;
        try {
            instances = sql.inConnection(c -> Sql.count(c, COUNT));
        } catch (RuntimeException e) {
            LOG.debug("Could not count the hubs on the store, the writers stay as they are: {}", e.getMessage());
            return;
        }
        int now = (int) Math.max(1, instances);
        if (now != counted) {
            int share = store.shareWritersAmong(now);
            LOG.info("{} hub(s) share the store: this one keeps at most {} group commit(s) in flight", now, share);
            counted = now;
        }
    }

    /** The hubs counted at the last look (this one included). */
    public int counted() {
        return counted;
    }
}
