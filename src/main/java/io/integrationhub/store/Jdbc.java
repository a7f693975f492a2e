package io.integrationhub.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** What every store class does the same way with JDBC: binding nullable values, reading a row, the one exception. */
final class Jdbc {

    private Jdbc() {
    }

    static StoredMessage row(ResultSet rs) throws SQLException {
        long next = rs.getLong(13);
        Long nextAttemptAt = rs.wasNull() ? null : next;
        int status = rs.getInt(16);
        Integer targetStatus = rs.wasNull() ? null : status;
        return new StoredMessage(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getBytes(10),
                rs.getString(11), rs.getInt(12), nextAttemptAt, rs.getString(14), rs.getString(15), targetStatus,
                rs.getString(17), rs.getString(18), rs.getString(19), rs.getLong(20), rs.getLong(21), rs.getString(22));
    }

    static StoreUnavailableException unavailable(SQLException e) {
        // 23505 is the SQL standard's unique violation, on H2 and PostgreSQL alike.
        if ("23505".equals(e.getSQLState())) {
            return new DuplicateKeyException("The Idempotency-Key is already taken: " + e.getMessage(), e);
        }
        return new StoreUnavailableException("The store is unavailable: " + e.getMessage(), e);
    }

    static void setLong(PreparedStatement s, int index, Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, value);
        }
    }

    static void setInt(PreparedStatement s, int index, Integer value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.INTEGER);
        } else {
            s.setInt(index, value);
        }
    }

    static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
