package io.integrationhub.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

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
    // The key's oldest open message becomes its head unless a head is already there.
    private static final String PROMOTE = "UPDATE hub_message SET due_at = next_attempt_at WHERE id = ("
            + "SELECT id FROM hub_message WHERE partner = ? AND correlation_id = ? AND queue_open = 1 "
            + "ORDER BY queue_open, seq LIMIT 1) AND due_at = " + WAITING;

    /** Keys locked by this transaction; only the writer thread runs transactions. */
    private final Set<Long> locked = new HashSet<>();

    @Override
    public void begin(Connection c, long[] keys) throws SQLException {
        locked.clear();
        if (keys.length == 0) {
            return;
        }
        Long[] boxed = new Long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            boxed[i] = keys[i];
            locked.add(keys[i]);
        }
        Array array = c.createArrayOf("bigint", boxed);
        try (PreparedStatement s = c.prepareStatement(LOCK_SORTED)) {
            s.setArray(1, array);
            s.execute();
        } finally {
            array.free();
        }
    }

    @Override
    public void committed() {
        locked.clear();
    }

    @Override
    public void rolledBack() {
        locked.clear();
    }

    @Override
    public boolean admit(Connection c, String id, String partner, String correlationId) throws SQLException {
        lock(c, partner, correlationId);
        try (PreparedStatement s = c.prepareStatement(ANY_OPEN)) {
            s.setString(1, partner);
            s.setString(2, correlationId);
            try (ResultSet rs = s.executeQuery()) {
                return !rs.next();
            }
        }
    }

    @Override
    public void finished(Connection c, String id, String partner, String correlationId) throws SQLException {
        lock(c, partner, correlationId);
        try (PreparedStatement s = c.prepareStatement(PROMOTE)) {
            s.setString(1, partner);
            s.setString(2, correlationId);
            s.executeUpdate();
        }
    }

    private void lock(Connection c, String partner, String correlationId) throws SQLException {
        long key = KeyHash.of(partner, correlationId);
        if (locked.add(key)) { // not named up front (a replay): locked on its own
            try (PreparedStatement s = c.prepareStatement(LOCK)) {
                s.setLong(1, key);
                s.execute();
            }
        }
    }
}
