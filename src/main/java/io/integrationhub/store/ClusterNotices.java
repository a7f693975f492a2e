package io.integrationhub.store;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On PostgreSQL, tells every instance (this one too) what changed for all of them, on the lanes' channel that their
 * {@link DueListener}s hear: a lane paused or resumed, so that they read the pauses at once and not at their next look a
 * second later (SPEC §4: none is tried); a target answering again (this instance's circuit for it closed), so that a
 * circuit another instance holds open or half-open closes too instead of reporting the lane down until new work comes
 * its way. A notice that cannot be sent is logged: each instance still reads the pauses every second. On H2 (one
 * process) nothing is sent.
 */
public final class ClusterNotices {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterNotices.class);

    private final Sql sql;
    private final boolean enabled;

    public ClusterNotices(DataSource dataSource, Database.Dialect dialect) {
        this.sql = new Sql(dataSource);
        this.enabled = dialect == Database.Dialect.POSTGRESQL;
    }

    void pausesChanged() {
        send(DueNotices.PAUSES, "a lane was paused or resumed");
    }

    public void targetAnswers(String target) {
        send(DueNotices.ANSWERS + target, target + " answers again");
    }

    private void send(String payload, String what) {
        if (!enabled) {
            return;
        }
        try {
            sql.inConnection(c -> {
                DueNotices.notify(c, payload);
                return 0;
            });
        } catch (RuntimeException e) {
            LOG.warn("Could not tell the other instances that {}: {}", what, e.getMessage());
        }
    }
}
