package io.integrationhub.store;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On PostgreSQL, tells every instance that a target answers again (this instance's circuit for it closed), so that a
 * circuit another instance holds open or half-open closes too: with nothing of the lane left to try it would stay
 * half-open, and report the lane down, until new work came its way. On H2 (one process) nothing is sent.
 */
public final class CircuitNotices {

    private static final Logger LOG = LoggerFactory.getLogger(CircuitNotices.class);

    private final Sql sql;
    private final boolean enabled;

    public CircuitNotices(DataSource dataSource, Database.Dialect dialect) {
        this.sql = new Sql(dataSource);
        this.enabled = dialect == Database.Dialect.POSTGRESQL;
    }

    public void targetAnswers(String target) {
        if (!enabled) {
            return;
        }
        try {
            sql.inConnection(c -> {
                DueNotices.notify(c, DueNotices.ANSWERS + target);
                return 0;
            });
        } catch (RuntimeException e) {
            LOG.warn("Could not tell the other instances that {} answers again: {}", target, e.getMessage());
        }
    }
}
