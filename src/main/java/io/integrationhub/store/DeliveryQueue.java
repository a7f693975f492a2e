package io.integrationhub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.sql.DataSource;

/**
 * The claims of SPEC §4: which instance delivers which queued message, for how long. Each target has its lane: its
 * claimable messages are the heads of their keys ({@link KeyOrder}), found in the lane index (target, due_at) in the
 * order they fall due, so that taking the next message costs the same however many wait behind a key or a target.
 * A claimed message is due again when its lease runs out, so an instance that stopped answering loses it to the next
 * claim. On PostgreSQL several hubs claim from one table as competing consumers ({@code FOR UPDATE SKIP LOCKED}).
 */
public final class DeliveryQueue {

    // The lower bound is not a filter: without it H2 starts the index range at the lane's NULLs (its finished
    // messages, which sort first) and reads them all on every claim.
    private static final String DUE_OF_LANE = "SELECT id FROM hub_message WHERE target = ? AND due_at >= ? "
            + "AND due_at <= ? ORDER BY target, due_at LIMIT ?";
    private static final String CLAIM_SET = "UPDATE hub_message SET status = 'processing', claimed_by = ?, "
            + "claim_expires_at = ?, due_at = ?, updated_at = ? ";
    // PostgreSQL: rows another instance is claiming right now are skipped, not waited for; a row that changed since
    // the snapshot is checked again under its lock, so a message that became processed or was claimed is not taken.
    private static final String CLAIM_POSTGRESQL = CLAIM_SET + "WHERE id IN (" + DUE_OF_LANE
            + " FOR UPDATE SKIP LOCKED) RETURNING " + MessageStore.COLUMNS + ", retry_base, "
            + knownIdsOf("hub_message");
    private static final int RETRY_BASE = MessageStore.COLUMNS.split(",").length + 1;
    // H2: one process, one writer: the due heads are read, then claimed one by one.
    private static final String DUE_ROWS_H2 = "SELECT " + MessageStore.COLUMNS + ", retry_base FROM hub_message "
            + "WHERE target = ? AND due_at >= ? AND due_at <= ? ORDER BY target, due_at LIMIT ?";
    private static final String CLAIM_H2 = CLAIM_SET + "WHERE id = ? AND due_at <= ?";
    private static final String NEXT_DUE = "SELECT due_at FROM hub_message WHERE target = ? AND due_at > ? "
            + "ORDER BY target, due_at LIMIT 1";
    // A synchronous message has no due_at: it is in no lane.
    private static final String RENEW_SET = "UPDATE hub_message SET claim_expires_at = ?, due_at = CASE WHEN due_at IS "
            + "NULL THEN NULL ELSE ? END ";
    private static final String RENEW = RENEW_SET + "WHERE id = ? AND claimed_by = ? AND status = 'processing'";
    // PostgreSQL: a row another transaction is writing right now (this hub's own outcome, as a rule) is left for the
    // next renewal, a third of a lease later. Waiting for it deadlocked: a group commit writes its outcomes in
    // id order, but in chunks (each claim in the group writes the outcomes before it first), so two transactions
    // could hold rows the other's sorted renewal or outcomes wanted, and one stalled for the deadlock timeout (1 s).
    private static final String RENEW_POSTGRESQL = RENEW_SET + "WHERE id IN (SELECT id FROM hub_message "
            + "WHERE id = ANY(?) AND claimed_by = ? AND status = 'processing' FOR UPDATE SKIP LOCKED)";

    private static final String REQUEUE = "UPDATE hub_message SET status = CASE WHEN attempts > 0 THEN 'retrying' "
            + "ELSE 'queued' END, claimed_by = NULL, claim_expires_at = NULL, next_attempt_at = ?, due_at = ?, "
            + "updated_at = ? WHERE status = 'processing' AND integration_mode = 'asynchronous'";
    private static final String FAIL_SYNCHRONOUS = "UPDATE hub_message SET status = 'failed', queue_open = NULL, "
            + "claimed_by = NULL, claim_expires_at = NULL, "
            + "last_error = 'The hub stopped while delivering this synchronous message', updated_at = ? "
            + "WHERE status = 'processing' AND integration_mode = 'synchronous'";

    private final Sql sql;
    private final MessageStore store;
    private final Database.Dialect dialect;
    private final String instanceId;
    private final long leaseMs;

    public DeliveryQueue(DataSource dataSource, MessageStore store, Database.Dialect dialect, String instanceId,
                         long leaseMs) {
        this.sql = new Sql(dataSource);
        this.store = store;
        this.dialect = dialect;
        this.instanceId = instanceId;
        this.leaseMs = leaseMs;
    }

    /**
     * Claims up to {@code max} due messages of one target's lane for this instance, at most one per correlation key.
     * The claim shares the group commit of new messages and outcomes: a commit of its own would cost as much as a
     * whole group's.
     */
    public List<Claim> claimDue(String target, int max, long now) {
        if (max <= 0) {
            return List.of();
        }
        return store.writeAndWait("claim", c -> dialect == Database.Dialect.POSTGRESQL
                ? claimOnPostgresql(c, target, max, now) : claimOnH2(c, target, max, now));
    }

    /** When the lane's next message falls due (a retry, a lease running out), or null if none is known. */
    public Long nextDue(String target, long now) {
        return sql.first(NEXT_DUE, row -> row.getLong(1), target, now).filter(due -> due != KeyOrder.WAITING)
                .orElse(null);
    }

    private List<Claim> claimOnPostgresql(Connection c, String target, int max, long now) throws SQLException {
        return Sql.list(c, CLAIM_POSTGRESQL, DeliveryQueue::claimWithKnownIds, instanceId, now + leaseMs,
                now + leaseMs, now, target, Long.MIN_VALUE, now, max);
    }

    private List<Claim> claimOnH2(Connection c, String target, int max, long now) throws SQLException {
        List<Claim> candidates = Sql.list(c, DUE_ROWS_H2, DeliveryQueue::claim, target, Long.MIN_VALUE, now, max);
        List<Claim> claimed = new ArrayList<>();
        try (PreparedStatement claim = c.prepareStatement(CLAIM_H2)) {
            for (Claim candidate : candidates) {
                Sql.bind(claim, instanceId, now + leaseMs, now + leaseMs, now, candidate.messageId(), now);
                if (claim.executeUpdate() == 1) {
                    claimed.add(candidate);
                }
            }
        }
        return claimed;
    }

    /**
     * Extends this instance's lease on the messages it is still delivering; returns how many it renewed (on
     * PostgreSQL not those another transaction is writing at that moment). In the group commit like every other
     * write of the instance's: run beside it, the renewal's transaction and a shared one that recorded outcomes of
     * the same messages locked their rows in different orders, and H2 rolled one back as a deadlock (the renewal was
     * lost, the group was written again row by row).
     */
    public int renew(Collection<String> messageIds, long now) {
        if (messageIds.isEmpty()) {
            return 0;
        }
        if (dialect == Database.Dialect.POSTGRESQL) {
            return store.writeAndWait("claim renewal", c -> Sql.update(c, RENEW_POSTGRESQL, now + leaseMs,
                    now + leaseMs, new Sql.ArrayOf("text", messageIds.toArray()), instanceId));
        }
        return store.writeAndWait("claim renewal", c -> {
            int held = 0;
            try (PreparedStatement s = c.prepareStatement(RENEW)) {
                // In id order, as outcomes lock them: concurrent transactions lock rows in one order (no deadlock).
                for (String id : new java.util.TreeSet<>(messageIds)) {
                    Sql.bind(s, now + leaseMs, now + leaseMs, id, instanceId);
                    s.addBatch();
                }
                for (int updated : s.executeBatch()) {
                    held += updated;
                }
            }
            return held;
        });
    }

    /**
     * At start. On the embedded store, which one process holds alone, every claim belongs to a previous run of this
     * process. On PostgreSQL only this instance's own claims do (its id is unique while it runs); other instances'
     * claims are taken over by the claim query once their lease is over. Asynchronous messages go back to the queue,
     * synchronous ones are failed (SPEC §4: the partner was answered, or gave up).
     */
    public int releaseAtStart(long now) {
        return release(now, dialect == Database.Dialect.POSTGRESQL, true);
    }

    /**
     * On a clean stop, after the workers: the asynchronous messages whose delivery the stop cut short go back to the
     * queue now, so that other instances need not wait for the lease to run out.
     */
    public int releaseOnStop(long now) {
        return release(now, true, false);
    }

    private int release(long now, boolean ownOnly, boolean failSynchronous) {
        String whose = ownOnly ? " AND claimed_by = ?" : "";
        Object[] requeue = ownOnly ? new Object[] {now, now, now, instanceId} : new Object[] {now, now, now};
        Object[] fail = ownOnly ? new Object[] {now, instanceId} : new Object[] {now};
        return sql.inConnection(c -> {
            int released = Sql.update(c, REQUEUE + whose, requeue);
            if (failSynchronous) {
                released += Sql.update(c, FAIL_SYNCHRONOUS + whose, fail);
            } else if (released > 0 && dialect == Database.Dialect.POSTGRESQL) {
                DueNotices.notify(c, DueNotices.ALL); // the other instances take them over now
            }
            return released;
        });
    }

    /**
     * Fails the synchronous messages whose hub died while the partner waited: their lease ran out. In the group
     * commit, like {@link #renew}: its rows may be the ones a shared transaction is writing.
     */
    public int failAbandonedSynchronous(long now) {
        return store.writeAndWait("abandoned synchronous messages", c -> {
            return Sql.update(c, FAIL_SYNCHRONOUS + " AND claim_expires_at < ?", now, now);
        });
    }

    /** Reads a claimed row returned as {@link MessageStore#COLUMNS}, then {@code retry_base}. */
    static Claim claim(ResultSet row) throws SQLException {
        return new Claim(MessageStore.row(row), row.getInt(RETRY_BASE), null);
    }

    /**
     * The External IDs of the claimed message's key and target, returned by a PostgreSQL claim with the row (as
     * {@code known_record_ref} and {@code known_last_ref}): the delivery then needs no read of its own, a round trip
     * and a statement per message.
     */
    static String knownIdsOf(String table) {
        String ofKey = " FROM hub_external_id e WHERE e.partner = " + table + ".partner AND e.correlation_id = "
                + table + ".correlation_id AND e.target = " + table + ".target)";
        return "(SELECT e.record_ref" + ofKey + " AS known_record_ref, (SELECT e.last_ref" + ofKey
                + " AS known_last_ref";
    }

    /** {@link #claim} of a row that also returned {@link #knownIdsOf}. */
    static Claim claimWithKnownIds(ResultSet row) throws SQLException {
        return new Claim(MessageStore.row(row), row.getInt(RETRY_BASE),
                new ExternalIds(row.getString("known_record_ref"), row.getString("known_last_ref")));
    }

    public long leaseMs() {
        return leaseMs;
    }
}
