package io.integrationhub.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * The store's one way to run SQL: prepare, bind, read the rows into values, and one translation of
 * {@link SQLException} into the store's exceptions. The instance methods take a pooled connection for one statement or
 * transaction; the static ones run inside work that already has its connection (a group commit).
 */
final class Sql {

    /** Reads the current row of a result. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** Work on one connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** A typed SQL NULL: PostgreSQL wants to know a parameter's type where the statement does not tell it. */
    record Null(int sqlType) {
    }

    /** A SQL array parameter (PostgreSQL: one statement over many keys): its element type and its values. */
    record ArrayOf(String elementType, Object[] values) {
    }

    static final Null NULL_BIGINT = new Null(Types.BIGINT);
    static final Null NULL_INTEGER = new Null(Types.INTEGER);

    private final DataSource dataSource;

    Sql(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    <T> T inConnection(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** Work in one transaction: committed when it returns, rolled back when it throws. */
    <T> T inTransaction(Work<T> work) {
        return inConnection(c -> {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        });
    }

    int update(String sql, Object... params) {
        return inConnection(c -> update(c, sql, params));
    }

    <T> List<T> list(String sql, RowMapper<T> rows, Object... params) {
        return inConnection(c -> list(c, sql, rows, params));
    }

    <T> Optional<T> first(String sql, RowMapper<T> rows, Object... params) {
        return inConnection(c -> first(c, sql, rows, params));
    }

    static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            List<Array> arrays = bind(s, params);
            try {
                return s.executeUpdate();
            } finally {
                free(arrays);
            }
        }
    }

    static <T> List<T> list(Connection c, String sql, RowMapper<T> rows, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            List<Array> arrays = bind(s, params);
            try {
                return read(s, rows);
            } finally {
                free(arrays);
            }
        }
    }

    static <T> Optional<T> first(Connection c, String sql, RowMapper<T> rows, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            List<Array> arrays = bind(s, params);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rows.map(rs)) : Optional.empty();
            } finally {
                free(arrays);
            }
        }
    }

    /** The single number a query such as {@code SELECT COUNT(*)} returns; 0 if it returns no row or NULL. */
    static long count(Connection c, String query, Object... params) throws SQLException {
        return first(c, query, row -> row.getLong(1), params).orElse(0L);
    }

    /**
     * {@link #list} of {@code sql} sent with {@code before} in one round trip: the server runs them in turn, each
     * reading from its own snapshot (so {@code sql} sees what {@code before} waited for). {@code params} are both
     * statements', in order; {@code before}'s rows are not read.
     */
    static <T> List<T> listAfter(Connection c, String before, String sql, RowMapper<T> rows, Object... params)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(before + "; " + sql)) {
            List<Array> arrays = bind(s, params);
            try {
                s.execute();
                if (!s.getMoreResults()) {
                    throw new SQLException("No rows came back from the statement after " + before);
                }
                List<T> values = new ArrayList<>();
                try (ResultSet rs = s.getResultSet()) {
                    while (rs.next()) {
                        values.add(rows.map(rs));
                    }
                }
                return values;
            } finally {
                free(arrays);
            }
        }
    }

    /** All rows of a statement already bound (one statement run for many parameter sets). */
    static <T> List<T> read(PreparedStatement s, RowMapper<T> rows) throws SQLException {
        List<T> values = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                values.add(rows.map(rs));
            }
        }
        return values;
    }

    /**
     * Binds in order; a bare null is a text NULL, numbers that may be null use {@link #bigint} or {@link #integer}.
     * Returns the SQL arrays made for {@link ArrayOf} parameters, to be freed once the statement ran.
     */
    static List<Array> bind(PreparedStatement s, Object... params) throws SQLException {
        List<Array> arrays = List.of();
        for (int i = 0; i < params.length; i++) {
            Object value = params[i];
            if (value == null) {
                s.setNull(i + 1, Types.VARCHAR);
            } else if (value instanceof Null typed) {
                s.setNull(i + 1, typed.sqlType());
            } else if (value instanceof ArrayOf array) {
                Array made = s.getConnection().createArrayOf(array.elementType(), array.values());
                arrays = arrays.isEmpty() ? new ArrayList<>() : arrays;
                arrays.add(made);
                s.setArray(i + 1, made);
            } else {
                s.setObject(i + 1, value);
            }
        }
        return arrays;
    }

    private static void free(List<Array> arrays) throws SQLException {
        for (Array a : arrays) {
            a.free();
        }
    }

    static Object bigint(Long value) {
        return value == null ? NULL_BIGINT : value;
    }

    static Object integer(Integer value) {
        return value == null ? NULL_INTEGER : value;
    }

    /** An INTEGER column that may be NULL. */
    static Integer nullableInt(ResultSet row, int column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }

    /** A BIGINT column that may be NULL. */
    static Long nullableLong(ResultSet row, int column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    static StoreUnavailableException unavailable(SQLException e) {
        if (isUniqueViolation(e)) {
            return new DuplicateKeyException("The Idempotency-Key is already taken: " + e.getMessage(), e);
        }
        return new StoreUnavailableException("The store is unavailable: " + e.getMessage(), e);
    }

    // 23505 is the SQL standard's unique violation, on H2 and PostgreSQL alike.
    static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
