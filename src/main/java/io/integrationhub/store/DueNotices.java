package io.integrationhub.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * On PostgreSQL, tells every instance's lanes that messages of a target became due, in the transaction that made them
 * so (a new head, the next of a key, a replay): {@code pg_notify} is delivered when that transaction commits, to each
 * instance's {@link DueListener}. Instances then pick new work up at once instead of at their next idle look. On H2
 * (one process) it does nothing: the lanes of the one instance are woken directly.
 */
final class DueNotices implements GroupCommitWriter.TransactionListener {

    static final String CHANNEL = "hub_lane_due";
    /** The payload that wakes every lane. */
    static final String ALL = "*";
    /** The payload that says a lane was paused or resumed: every instance reads the pauses again. */
    static final String PAUSES = "!pauses";
    /** The payload's prefix that says an instance's circuit for a target closed: the target answers again. */
    static final String ANSWERS = "!answers:";
    private static final String NOTIFY = "SELECT count(pg_notify('" + CHANNEL + "', t)) FROM unnest(?::text[]) AS t";

    private final boolean enabled;
    /** Targets made due by the running transaction, per writer thread (each runs a transaction of its own). */
    private final ThreadLocal<Set<String>> due = ThreadLocal.withInitial(LinkedHashSet::new);

    DueNotices(Database.Dialect dialect) {
        this.enabled = dialect == Database.Dialect.POSTGRESQL;
    }

    void add(String target) {
        if (enabled && target != null) {
            due.get().add(target);
        }
    }

    @Override
    public void beforeCommit(Connection c) throws SQLException {
        Set<String> targets = due.get();
        if (!targets.isEmpty()) {
            notify(c, targets.toArray(String[]::new));
            targets.clear();
        }
    }

    @Override
    public void rolledBack() {
        due.get().clear();
    }

    /** Sends now (on a connection in auto-commit) or at the commit of the connection's transaction. */
    static void notify(Connection c, String... targets) throws SQLException {
        Sql.first(c, NOTIFY, row -> true, new Sql.ArrayOf("text", targets));
    }
}
