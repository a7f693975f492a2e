package io.integrationhub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Per-key order on a PostgreSQL shared by several hubs: the key's open messages are looked up in hub_message_key,
 * and a transaction-scoped advisory lock on the key serialises the instances that add to or finish one key (without
 * it two overlapping inserts could both become heads, or two finishing heads could each wait for the other).
 */
final class PostgresqlKeyOrder implements KeyOrder {

    private static final String LOCK = "SELECT pg_advisory_xact_lock(?)";
    private static final String ANY_OPEN = "SELECT 1 FROM hub_message WHERE partner = ? AND correlation_id = ? "
            + "AND queue_open = 1 LIMIT 1";
    // The key's oldest open message becomes its head unless a head is already there.
    private static final String PROMOTE = "UPDATE hub_message SET due_at = next_attempt_at WHERE id = ("
            + "SELECT id FROM hub_message WHERE partner = ? AND correlation_id = ? AND queue_open = 1 "
            + "ORDER BY queue_open, seq LIMIT 1) AND due_at = " + WAITING;

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

    private static void lock(Connection c, String partner, String correlationId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(LOCK)) {
            s.setLong(1, KeyHash.of(partner, correlationId));
            s.execute();
        }
    }
}
