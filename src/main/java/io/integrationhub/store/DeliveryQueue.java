package io.integrationhub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

/**
 * The claims of SPEC §4: which instance delivers which queued message, for how long. Only a key's oldest open
 * message can be claimed, so each key keeps its receipt order whichever instance delivers it. On PostgreSQL several
 * hubs claim from one table as competing consumers ({@code FOR UPDATE SKIP LOCKED}); on H2 one process holds the store.
 */
public final class DeliveryQueue {

    // PostgreSQL's claim. A key whose oldest open message is not due (or is claimed and its lease not yet over)
    // holds back the rest. ORDER BY names both columns of hub_message_open so that the index is read in order and
    // the scan stops at the LIMIT.
    private static final String DUE_HEADS_FROM = " FROM hub_message m "
            + "WHERE m.queue_open = 1 AND ((m.status IN ('queued', 'retrying') AND m.next_attempt_at <= ?) "
            + "OR (m.status = 'processing' AND m.claim_expires_at < ?)) AND NOT EXISTS ("
            + "SELECT 1 FROM hub_message e WHERE e.partner = m.partner AND e.correlation_id = m.correlation_id "
            + "AND e.queue_open = 1 AND e.seq < m.seq) ORDER BY m.queue_open, m.seq LIMIT ?";
    private static final String CLAIM_SET = "UPDATE hub_message SET status = 'processing', claimed_by = ?, "
            + "claim_expires_at = ?, updated_at = ? ";
    // PostgreSQL: rows another instance is claiming right now are skipped, not waited for; a row that changed since
    // the snapshot is checked again under its lock, so a message that became processed or was claimed is not taken.
    private static final String CLAIM_POSTGRESQL = CLAIM_SET + "WHERE id IN (SELECT m.id"
            + DUE_HEADS_FROM + " FOR UPDATE OF m SKIP LOCKED) RETURNING " + MessageStore.COLUMNS + ", retry_base";
    private static final List<String> COLUMN_NAMES = List.of(MessageStore.COLUMNS.split(",\\s*"));
    // retry_base's place in both claims' results: right after MessageStore.COLUMNS.
    private static final int RETRY_BASE = COLUMN_NAMES.size() + 1;
    // H2: one process, one dispatcher, and no index on the key (kept up to date at random places on every insert,
    // it halved H2's insert rate): the open rows are read in receipt order and the first of each key is its head.
    private static final String OPEN_ROWS_H2 = "SELECT " + MessageStore.COLUMNS + ", retry_base, claim_expires_at "
            + "FROM hub_message WHERE queue_open = 1 AND seq > ? ORDER BY queue_open, seq LIMIT ?";
    // The first page is about what the last claim had to read (the claimed messages' keys at the front hold back
    // their later messages); each further page is twice as long.
    private static final int OPEN_ROWS_FIRST_PAGE = 32;
    private static final int OPEN_ROWS_MAX_PAGE = 1024;
    private static final int OPEN_CLAIM_EXPIRES = RETRY_BASE + 1;
    private static final int OPEN_SEQ = column("seq");
    private static final int OPEN_PARTNER = column("partner");
    private static final int OPEN_KEY = column("correlation_id");
    private static final int OPEN_STATUS = column("status");
    private static final int OPEN_NEXT_ATTEMPT = column("next_attempt_at");
    // The guard on status and attempts keeps a stale candidate from being claimed.
    private static final String CLAIM_H2 = CLAIM_SET + "WHERE id = ? AND status = ? AND attempts = ?";
    private static final String RENEW = "UPDATE hub_message SET claim_expires_at = ? WHERE id = ? AND claimed_by = ? "
            + "AND status = 'processing'";

    private static final String FAIL_SYNCHRONOUS = "UPDATE hub_message SET status = 'failed', queue_open = NULL, "
            + "claimed_by = NULL, claim_expires_at = NULL, "
            + "last_error = 'The hub stopped while delivering this synchronous message', updated_at = ? "
            + "WHERE status = 'processing' AND integration_mode = 'synchronous'";

    /** A column's place (from 1) in {@link MessageStore#COLUMNS}. */
    private static int column(String name) {
        int place = COLUMN_NAMES.indexOf(name);
        if (place < 0) {
            throw new IllegalStateException(name + " is not in MessageStore.COLUMNS");
        }
        return place + 1;
    }

    private final DataSource dataSource;
    private final MessageStore store;
    private final Database.Dialect dialect;
    private final String instanceId;
    private final long leaseMs;
    // Rows the last H2 claim read; claims run on the store's writer thread, one at a time.
    private int lastScan;

    public DeliveryQueue(DataSource dataSource, MessageStore store, Database.Dialect dialect, String instanceId,
                         long leaseMs) {
        this.dataSource = dataSource;
        this.store = store;
        this.dialect = dialect;
        this.instanceId = instanceId;
        this.leaseMs = leaseMs;
    }

    /**
     * Claims up to {@code max} due messages for this instance, at most one per correlation key. The claim shares the
     * group commit of new messages and outcomes: a commit of its own would cost as much as a whole group's.
     */
    public List<Claim> claimDue(int max, long now) {
        if (max <= 0) {
            return List.of();
        }
        return store.writeAndWait("claim", c -> dialect == Database.Dialect.POSTGRESQL
                ? claimOnPostgresql(c, max, now) : claimOnH2(c, max, now));
    }

    private List<Claim> claimOnPostgresql(Connection c, int max, long now) throws SQLException {
        List<Claim> claimed = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(CLAIM_POSTGRESQL)) {
            s.setString(1, instanceId);
            s.setLong(2, now + leaseMs);
            s.setLong(3, now);
            s.setLong(4, now);
            s.setLong(5, now);
            s.setInt(6, max);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new Claim(MessageStore.row(rs), rs.getInt(RETRY_BASE)));
                }
            }
        }
        return claimed;
    }

    private List<Claim> claimOnH2(Connection c, int max, long now) throws SQLException {
        // A due head as read, before the claim: its status and attempts guard the claim's UPDATE.
        List<Claim> candidates = new ArrayList<>();
        // The open rows in receipt order: the first one of each key is its head (no earlier open message has the
        // key), the later ones wait for it. Read page by page until enough due heads are found or the queue ends.
        Set<String> keysSeen = new HashSet<>();
        long after = Long.MIN_VALUE;
        int page = Math.max(OPEN_ROWS_FIRST_PAGE, Math.min(OPEN_ROWS_MAX_PAGE, lastScan + max));
        int scanned = 0;
        try (PreparedStatement s = c.prepareStatement(OPEN_ROWS_H2)) {
            int read;
            int asked;
            do {
                asked = page;
                s.setLong(1, after);
                s.setInt(2, asked);
                read = 0;
                try (ResultSet rs = s.executeQuery()) {
                    while (candidates.size() < max && rs.next()) {
                        read++;
                        after = rs.getLong(OPEN_SEQ);
                        boolean head = keysSeen.add(rs.getString(OPEN_PARTNER) + '\n' + rs.getString(OPEN_KEY));
                        if (head && due(rs.getString(OPEN_STATUS), (Long) rs.getObject(OPEN_NEXT_ATTEMPT),
                                (Long) rs.getObject(OPEN_CLAIM_EXPIRES), now)) {
                            candidates.add(new Claim(MessageStore.row(rs), rs.getInt(RETRY_BASE)));
                        }
                    }
                }
                scanned += read;
                page = Math.min(OPEN_ROWS_MAX_PAGE, page * 2);
            } while (read == asked && candidates.size() < max);
        }
        lastScan = scanned;
        List<Claim> claimed = new ArrayList<>();
        try (PreparedStatement claim = c.prepareStatement(CLAIM_H2)) {
            for (Claim candidate : candidates) {
                claim.setString(1, instanceId);
                claim.setLong(2, now + leaseMs);
                claim.setLong(3, now);
                claim.setString(4, candidate.messageId());
                claim.setString(5, candidate.message().status());
                claim.setInt(6, candidate.attempts());
                if (claim.executeUpdate() == 1) {
                    claimed.add(candidate);
                }
            }
        }
        return claimed;
    }

    /** DUE_HEADS_FROM's condition on one open row, for H2: queued or retrying and due, or its lease over. */
    private static boolean due(String status, Long nextAttemptAt, Long claimExpiresAt, long now) {
        return switch (status) {
            case MessageStatus.QUEUED, MessageStatus.RETRYING -> nextAttemptAt != null && nextAttemptAt <= now;
            case MessageStatus.PROCESSING -> claimExpiresAt != null && claimExpiresAt < now;
            default -> false;
        };
    }

    /**
     * Extends this instance's lease on the messages it is still delivering; returns how many it still holds. In the
     * group commit like every other write of the instance's: run beside it, the renewal's transaction and a shared
     * one that recorded outcomes of the same messages locked their rows in different orders, and H2 rolled one back
     * as a deadlock (the renewal was lost, the group was written again row by row).
     */
    public int renew(Collection<String> messageIds, long now) {
        if (messageIds.isEmpty()) {
            return 0;
        }
        return store.writeAndWait("claim renewal", c -> {
            int held = 0;
            try (PreparedStatement s = c.prepareStatement(RENEW)) {
                for (String id : messageIds) {
                    s.setLong(1, now + leaseMs);
                    s.setString(2, id);
                    s.setString(3, instanceId);
                    held += s.executeUpdate();
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
        try (Connection c = dataSource.getConnection()) {
            int released;
            try (PreparedStatement requeue = c.prepareStatement("UPDATE hub_message SET status = CASE WHEN "
                    + "attempts > 0 THEN 'retrying' ELSE 'queued' END, claimed_by = NULL, claim_expires_at = NULL, "
                    + "next_attempt_at = ?, updated_at = ? WHERE status = 'processing' "
                    + "AND integration_mode = 'asynchronous'" + whose)) {
                requeue.setLong(1, now);
                requeue.setLong(2, now);
                if (ownOnly) {
                    requeue.setString(3, instanceId);
                }
                released = requeue.executeUpdate();
            }
            if (failSynchronous) {
                try (PreparedStatement fail = c.prepareStatement(FAIL_SYNCHRONOUS + whose)) {
                    fail.setLong(1, now);
                    if (ownOnly) {
                        fail.setString(2, instanceId);
                    }
                    released += fail.executeUpdate();
                }
            }
            return released;
        } catch (SQLException e) {
            throw MessageStore.unavailable(e);
        }
    }

    /**
     * Fails the synchronous messages whose hub died while the partner waited: their lease ran out. In the group
     * commit, like {@link #renew}: its rows may be the ones a shared transaction is writing.
     */
    public int failAbandonedSynchronous(long now) {
        return store.writeAndWait("abandoned synchronous messages", c -> {
            try (PreparedStatement fail = c.prepareStatement(FAIL_SYNCHRONOUS + " AND claim_expires_at < ?")) {
                fail.setLong(1, now);
                fail.setLong(2, now);
                return fail.executeUpdate();
            }
        });
    }

    public long leaseMs() {
        return leaseMs;
    }
}
