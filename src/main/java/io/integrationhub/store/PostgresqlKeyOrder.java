package io.integrationhub.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Per-key order on a PostgreSQL shared by several hubs: the key's open messages are looked up in hub_message_key,
 * and a transaction-scoped advisory lock on the key serialises the instances that add to or finish one key (without
 * it two overlapping inserts could both become heads, or two finishing heads could each wait for the other). The
 * group commit names its batch's keys up front, and they are locked then in sorted order, in one round trip: locks
 * taken in batch order by two instances could deadlock each other.
 */
final class PostgresqlKeyOrder implements KeyOrder {

    private static final String LOCK = "SELECT pg_advisory_xact_lock(?)";
    private static final String LOCK_SORTED = "SELECT count(pg_advisory_xact_lock(k)) FROM "
            + "(SELECT k FROM unnest(?::bigint[]) AS k ORDER BY k) AS sorted";
    private static final String ANY_OPEN = "SELECT 1 FROM hub_message WHERE partner = ? AND correlation_id = ? "
            + "AND queue_open = 1 LIMIT 1";
    // Per key, one look-up in the key index (LATERAL ... LIMIT 1): a join of the keys with the open messages would
    // read every open message of the table once the queue is deep.
    private static final String HEADS_OF = "SELECT h.id FROM unnest(?::text[], ?::text[]) AS k(p, c) "
            + "CROSS JOIN LATERAL (SELECT id FROM hub_message WHERE partner = k.p AND correlation_id = k.c "
            + "AND queue_open = 1 ORDER BY queue_open, seq LIMIT 1) AS h";
    private static final String PROMOTE_ALL = "UPDATE hub_message m SET due_at = m.next_attempt_at FROM ("
            + HEADS_OF + ") AS head WHERE m.id = head.id AND m.due_at = " + WAITING + " RETURNING m.target";
    private static final String OPEN_KEYS = "SELECT k.p, k.c FROM unnest(?::text[], ?::text[]) AS k(p, c) "
            + "CROSS JOIN LATERAL (SELECT 1 FROM hub_message WHERE partner = k.p AND correlation_id = k.c "
            + "AND queue_open = 1 LIMIT 1) AS open";

    private final Consumer<String> madeDue;

    /** {@code madeDue} is told the target of each message that becomes its key's head. */
    PostgresqlKeyOrder(Consumer<String> madeDue) {
        this.madeDue = madeDue;
    }

    /** Keys locked by the running transaction, per writer thread (each runs a transaction of its own). */
    private final ThreadLocal<Set<Long>> lockedKeys = ThreadLocal.withInitial(HashSet::new);

    @Override
    public void begin(Connection c, long[] keys) throws SQLException {
        lockedKeys.get().clear();
        if (keys.length == 0) {
            return;
        }
        Long[] boxed = new Long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            boxed[i] = keys[i];
            lockedKeys.get().add(keys[i]);
        }
        Array array = c.createArrayOf("bigint", boxed);
        try {
            Sql.first(c, LOCK_SORTED, row -> true, array);
        } finally {
            array.free();
        }
    }

    @Override
    public void committed() {
        lockedKeys.get().clear();
    }

    @Override
    public void rolledBack() {
        lockedKeys.get().clear();
    }

    @Override
    public boolean admit(Connection c, String id, String partner, String correlationId) throws SQLException {
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
                lock(c, m.partner(), m.correlationId());
                partners.add(m.partner());
                keys.add(m.correlationId());
            }
        }
        Set<String> open = new HashSet<>(byKeys(c, OPEN_KEYS, partners, keys,
                row -> row.getString(1) + '\u0000' + row.getString(2)));
        boolean[] heads = new boolean[messages.size()];
        for (int i = 0; i < heads.length; i++) {
            NewMessage m = messages.get(i);
            // The first of a key without open messages is its head; the batch's later ones of the key wait behind it.
            heads[i] = m.asynchronous() && open.add(m.partner() + '\u0000' + m.correlationId());
        }
        return heads;
    }

    @Override
    public void finished(Connection c, String id, String partner, String correlationId) throws SQLException {
        lock(c, partner, correlationId);
        byKeys(c, PROMOTE_ALL, List.of(partner), List.of(correlationId), row -> row.getString(1)).forEach(madeDue);
    }

    /** One statement for the whole batch: each key's oldest open message becomes its head unless one is there. */
    @Override
    public void finishedAll(Connection c, List<OutcomeBatch.Outcome> finished) throws SQLException {
        List<String> partners = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (OutcomeBatch.Outcome o : finished) {
            lock(c, o.partner(), o.correlationId());
            partners.add(o.partner());
            keys.add(o.correlationId());
        }
        byKeys(c, PROMOTE_ALL, partners, keys, row -> row.getString(1)).forEach(madeDue);
    }

    /** Runs a statement over (partner, correlation_id) keys passed as two arrays, in one round trip. */
    private static <T> List<T> byKeys(Connection c, String query, List<String> partners, List<String> keys,
                                      Sql.RowMapper<T> rows) throws SQLException {
        if (keys.isEmpty()) {
            return List.of();
        }
        Array p = c.createArrayOf("text", partners.toArray());
        Array k = c.createArrayOf("text", keys.toArray());
        try {
            return Sql.list(c, query, rows, p, k);
        } finally {
            p.free();
            k.free();
        }
    }

    private void lock(Connection c, String partner, String correlationId) throws SQLException {
        long key = KeyHash.of(partner, correlationId);
        if (lockedKeys.get().add(key)) { // not named up front (a replay): locked on its own
            Sql.first(c, LOCK, row -> true, key);
        }
    }
}
