package io.integrationhub.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Per-key order on a PostgreSQL shared by several hubs: the key's open messages are looked up in hub_message_key,
 * and a transaction-scoped advisory lock on the key serialises the instances that add to or finish one key (without
 * it two overlapping inserts could both become heads, or two finishing heads could each wait for the other). The
 * group commit names its batch's keys up front, and they are locked in sorted order in one statement (locks taken in
 * batch order by two instances could deadlock each other) before the transaction's first statement: with the batch's
 * open-keys look-up, in the same round trip, when new messages come first (an intake's group), else on their own.
 *
 * A finished head's successor is looked up after the head's own seq: from the key's start, the look-up would step over
 * the row versions that every finished message of the key leaves in the key index until vacuum, and it slowed as the
 * queue drained. A replayed message can rejoin before the head (its old seq); it marks the open messages after it
 * ({@code replay_waits}), and finishing a marked one looks the key up from its start.
 */
final class PostgresqlKeyOrder implements KeyOrder {

    private static final String LOCK = "SELECT pg_advisory_xact_lock(?)";
    private static final String LOCK_SORTED = "SELECT count(pg_advisory_xact_lock(k)) FROM "
            + "(SELECT k FROM unnest(?::bigint[]) AS k ORDER BY k) AS sorted";
    private static final String ANY_OPEN = "SELECT 1 FROM hub_message WHERE partner = ? AND correlation_id = ? "
            + "AND queue_open = 1 LIMIT 1";
    // Per key, one look-up in the key index (LATERAL ... LIMIT 1): a join of the keys with the open messages would
    // read every open message of the table once the queue is deep.
    // Per finished message (its id): the first open message of its key after it, unless a replay marked it; taken by
    // the finishing instance if it offered (t), the message is in its lane (l) and due.
    private static final String NEXT_OF = "SELECT k.i AS finished_id, h.id AS next_id, "
            + "(k.t AND h.target = k.l AND h.next_attempt_at <= ?) AS taken "
            + "FROM unnest(?::text[], ?::text[], ?::text[], ?::boolean[], ?::text[]) AS k(p, c, i, t, l) "
            + "CROSS JOIN LATERAL (SELECT id, target, next_attempt_at FROM hub_message WHERE partner = k.p "
            + "AND correlation_id = k.c AND queue_open = 1 AND seq > (SELECT CASE WHEN f.replay_waits = 1 THEN -1 "
            + "ELSE f.seq END FROM hub_message f WHERE f.id = k.i) ORDER BY queue_open, seq LIMIT 1) AS h";
    // A taken head is claimed as DeliveryQueue's claim sets it (CLAIM_SET): one row version instead of a promote and
    // then a claim. Returned as DeliveryQueue's claim returns a claimed row, with its key's External IDs as they are
    // after this transaction's outcomes (OutcomeBatch writes those first).
    private static final String PROMOTE_ALL = "UPDATE hub_message m SET "
            + "due_at = CASE WHEN head.taken THEN ? ELSE m.next_attempt_at END, "
            + "status = CASE WHEN head.taken THEN 'processing' ELSE m.status END, "
            + "claimed_by = CASE WHEN head.taken THEN ? ELSE m.claimed_by END, "
            + "claim_expires_at = CASE WHEN head.taken THEN ? ELSE m.claim_expires_at END, "
            + "updated_at = CASE WHEN head.taken THEN ? ELSE m.updated_at END "
            + "FROM (" + NEXT_OF + ") AS head WHERE m.id = head.next_id AND m.due_at = " + WAITING
            + " RETURNING " + MessageStore.qualifiedColumns("m") + ", m.retry_base, head.finished_id, head.taken, "
            + DeliveryQueue.knownIdsOf("m");
    private static final String MARK_AFTER_REPLAY = "UPDATE hub_message SET replay_waits = 1 WHERE partner = ? "
            + "AND correlation_id = ? AND queue_open = 1 AND seq > ?";
    private static final String OPEN_KEYS = "SELECT k.p, k.c FROM unnest(?::text[], ?::text[]) AS k(p, c) "
            + "CROSS JOIN LATERAL (SELECT 1 FROM hub_message WHERE partner = k.p AND correlation_id = k.c "
            + "AND queue_open = 1 LIMIT 1) AS open";

    private final Consumer<String> madeDue;
    private final String instanceId;
    private final long leaseMs;

    /**
     * {@code madeDue} is told the target of each message that becomes its key's head for any lane to claim; a head
     * taken by this instance ({@link NextOfKey}) is claimed for {@code leaseMs}.
     */
    PostgresqlKeyOrder(Consumer<String> madeDue, String instanceId, long leaseMs) {
        this.madeDue = madeDue;
        this.instanceId = instanceId;
        this.leaseMs = leaseMs;
    }

    /** Keys locked by the running transaction, per writer thread (each runs a transaction of its own). */
    private final ThreadLocal<Set<Long>> lockedKeys = ThreadLocal.withInitial(HashSet::new);
    /** The batch's keys, sorted, until they are locked (null then). */
    private final ThreadLocal<Long[]> unlockedKeys = new ThreadLocal<>();

    @Override
    public void begin(Connection c, long[] keys) {
        lockedKeys.get().clear();
        if (keys.length == 0) {
            unlockedKeys.remove();
            return;
        }
        Long[] boxed = new Long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            boxed[i] = keys[i];
            lockedKeys.get().add(keys[i]);
        }
        unlockedKeys.set(boxed);
    }

    @Override
    public void lockKeys(Connection c) throws SQLException {
        Long[] keys = unlockedKeys.get();
        if (keys != null) {
            unlockedKeys.remove();
            Sql.first(c, LOCK_SORTED, row -> true, new Sql.ArrayOf("bigint", keys));
        }
    }

    @Override
    public void committed() {
        lockedKeys.get().clear();
        unlockedKeys.remove();
    }

    @Override
    public void rolledBack() {
        lockedKeys.get().clear();
        unlockedKeys.remove();
    }

    @Override
    public boolean admit(Connection c, String id, String partner, String correlationId) throws SQLException {
        lockKeys(c);
        lock(c, partner, correlationId);
        return Sql.first(c, ANY_OPEN, row -> true, partner, correlationId).isEmpty();
    }

    /** One look-up for the whole batch: which of its keys have open messages already. */
    @Override
    public boolean[] admitAll(Connection c, List<NewMessage> messages) throws SQLException {
        List<String> partners = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (NewMessage m : messages) {
            if (m.asynchronous()) {
                lock(c, m.partner(), m.correlationId()); // named up front: only marks it
                partners.add(m.partner());
                keys.add(m.correlationId());
            }
        }
        Set<String> open = new HashSet<>();
        if (partners.isEmpty()) {
            lockKeys(c);
        } else {
            open.addAll(openKeys(c, new Sql.ArrayOf("text", partners.toArray()),
                    new Sql.ArrayOf("text", keys.toArray())));
        }
        boolean[] heads = new boolean[messages.size()];
        for (int i = 0; i < heads.length; i++) {
            NewMessage m = messages.get(i);
            // The first of a key without open messages is its head; the batch's later ones of the key wait behind it.
            heads[i] = m.asynchronous() && open.add(keyOf(m.partner(), m.correlationId()));
        }
        return heads;
    }

    /**
     * The keys with open messages. The batch's keys are locked in the same round trip when they are not yet: the
     * server runs the two statements in turn, so the look-up still reads after the locks are held.
     */
    private List<String> openKeys(Connection c, Sql.ArrayOf partners, Sql.ArrayOf keys) throws SQLException {
        Long[] unlocked = unlockedKeys.get();
        Sql.RowMapper<String> key = row -> keyOf(row.getString(1), row.getString(2));
        if (unlocked == null) {
            return Sql.list(c, OPEN_KEYS, key, partners, keys);
        }
        unlockedKeys.remove();
        return Sql.listAfter(c, LOCK_SORTED, OPEN_KEYS, key, new Sql.ArrayOf("bigint", unlocked), partners, keys);
    }

    private static String keyOf(String partner, String correlationId) {
        return partner + '\u0000' + correlationId;
    }

    /** Behind an open head it waits; the open messages after it (a later seq) are marked to let it go first. */
    @Override
    public boolean admitReplay(Connection c, String id, long seq, String partner, String correlationId)
            throws SQLException {
        if (admit(c, id, partner, correlationId)) {
            return true;
        }
        Sql.update(c, MARK_AFTER_REPLAY, partner, correlationId, seq);
        return false;
    }

    /** One statement for the whole batch: each key's next open message becomes its head unless one is there. */
    @Override
    public void finishedAll(Connection c, List<OutcomeBatch.Outcome> finished) throws SQLException {
        lockKeys(c);
        if (finished.isEmpty()) {
            return;
        }
        int n = finished.size();
        Object[] partners = new Object[n];
        Object[] keys = new Object[n];
        Object[] ids = new Object[n];
        Object[] takes = new Object[n];
        Object[] lanes = new Object[n];
        Map<String, NextOfKey> offers = new HashMap<>();
        for (int i = 0; i < n; i++) {
            OutcomeBatch.Outcome o = finished.get(i);
            lock(c, o.partner(), o.correlationId());
            partners[i] = o.partner();
            keys[i] = o.correlationId();
            ids[i] = o.record().messageId();
            takes[i] = o.next() != null;
            lanes[i] = o.next() == null ? null : o.next().lane();
            if (o.next() != null) {
                offers.put(o.record().messageId(), o.next());
            }
        }
        long now = System.currentTimeMillis();
        Sql.list(c, PROMOTE_ALL, row -> {
            Claim head = DeliveryQueue.claimWithKnownIds(row);
            if (row.getBoolean("taken")) {
                offers.get(row.getString("finished_id")).claimed(head);
            } else {
                madeDue.accept(head.message().target());
            }
            return head;
        }, now + leaseMs, instanceId, now + leaseMs, now, now, new Sql.ArrayOf("text", partners),
                new Sql.ArrayOf("text", keys), new Sql.ArrayOf("text", ids), new Sql.ArrayOf("boolean", takes),
                new Sql.ArrayOf("text", lanes));
    }

    private void lock(Connection c, String partner, String correlationId) throws SQLException {
        long key = KeyHash.of(partner, correlationId);
        if (lockedKeys.get().add(key)) { // not named up front (a replay): locked on its own, after those that were
            lockKeys(c);
            Sql.first(c, LOCK, row -> true, key);
        }
    }
}
