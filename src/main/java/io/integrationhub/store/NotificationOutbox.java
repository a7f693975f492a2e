package io.integrationhub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

/**
 * The notifications' outbox (SPEC §7): events wait here until the receiver took them. Message events are added by
 * the outcome's own transaction ({@link OutcomeBatch}), lane events by {@link #add}.
 */
public final class NotificationOutbox {

    private static final String INSERT = "INSERT INTO hub_notification (id, event_type, body, created_at, attempts, "
            + "next_attempt_at) VALUES (?, ?, ?, ?, 0, ?)";
    private static final String DUE = "SELECT id, event_type, body, created_at, attempts, next_attempt_at "
            + "FROM hub_notification "
            + "WHERE next_attempt_at <= ? ORDER BY next_attempt_at, created_at LIMIT ?";

    private final Sql sql;

    public NotificationOutbox(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    public void add(Notification n) {
        sql.inConnection(c -> {
            insertAll(c, List.of(n));
            return null;
        });
    }

    static void insertAll(Connection c, List<Notification> notifications) throws SQLException {
        if (notifications.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            for (Notification n : notifications) {
                Sql.bind(s, n.id(), n.type(), n.body(), n.createdAt(), n.createdAt());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** The events whose next try is due, oldest first, each with the due time it was read with. */
    public List<Due> due(long now, int max) {
        return sql.list(DUE, row -> new Due(new Notification(row.getString(1), row.getString(2), row.getString(3),
                row.getLong(4), row.getInt(5)), row.getLong(6)), now, max);
    }

    /** An event read for a try, and its due time then (see {@link #take}). */
    public record Due(Notification notification, long at) {
    }

    /**
     * Takes the event for one try: its next try moves to {@code until}, so that no other sender sends it meanwhile,
     * and it is tried again then if this one never records how the try went. False when it was taken already.
     */
    public boolean take(Notification n, long due, long until) {
        return sql.update("UPDATE hub_notification SET next_attempt_at = ? WHERE id = ? AND next_attempt_at = ?",
                until, n.id(), due) == 1;
    }

    /** Deletes the events sent, or given up, before {@code before}; returns how many went. */
    public int purge(long before) {
        return sql.update("DELETE FROM hub_notification WHERE next_attempt_at IS NULL AND created_at < ?", before);
    }

    /** The receiver took it: done. */
    public void sent(String id, int attempts, long now) {
        sql.update("UPDATE hub_notification SET attempts = ?, sent_at = ?, next_attempt_at = NULL, last_error = NULL "
                + "WHERE id = ?", attempts, now, id);
    }

    /** A try failed: the next is due at {@code next}, or none (null: given up). */
    public void failed(String id, int attempts, Long next, String error) {
        sql.update("UPDATE hub_notification SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?",
                attempts, Sql.bigint(next), Sql.truncate(error, 1000), id);
    }
}
