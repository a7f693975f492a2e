package io.integrationhub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/** The ops side of the store: searching the message log, attempts, the dead letters to replay, deleting messages. */
public class MessageLog {

    private static final String COLUMNS = "id, seq, partner, message_type, integration_mode, correlation_id, "
            + "external_action, external_reference, body_format, NULL AS body, status, attempts, next_attempt_at, "
            + "last_error, target, target_status, target_reference, NULL AS target_response, idempotency_key, "
            + "received_at, updated_at, NULL AS mapped";

    /** One page of a search and how many messages match in all. */
    public record Page(List<StoredMessage> items, long total) {
    }

    /**
     * One lane's queue: its asynchronous messages waiting (queued or retrying), the messages being delivered to its
     * target (synchronous ones too), and when its oldest waiting message was received (null when none waits).
     */
    public record LaneCounts(long waiting, long inFlight, Long oldestWaitingAt) {
    }

    private final DataSource dataSource;

    public MessageLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Newest first. */
    public Page search(MessageFilter filter, int limit, int offset) {
        List<Object> args = new ArrayList<>();
        String where = where(filter, args);
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM hub_message" + where)) {
                bind(s, args);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<StoredMessage> items = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM hub_message" + where
                    + " ORDER BY received_at DESC, seq DESC LIMIT ? OFFSET ?")) {
                bind(s, args);
                s.setInt(args.size() + 1, limit);
                s.setInt(args.size() + 2, offset);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        items.add(Jdbc.row(rs));
                    }
                }
            }
            return new Page(items, total);
        } catch (SQLException e) {
            throw Jdbc.unavailable(e);
        }
    }

    /** How many messages of each (message type, target) were received since the given time. */
    public record Rate(String messageType, String target, long count) {
    }

    public List<Rate> receivedSince(long since) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT message_type, target, COUNT(*) FROM hub_message "
                     + "WHERE received_at >= ? GROUP BY message_type, target ORDER BY COUNT(*) DESC")) {
            s.setLong(1, since);
            List<Rate> rates = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rates.add(new Rate(rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
            }
            return rates;
        } catch (SQLException e) {
            throw Jdbc.unavailable(e);
        }
    }

    public List<AttemptEntry> attempts(String messageId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT attempt_no, at, outcome, error, target_status, "
                     + "target_answer, instance FROM hub_attempt WHERE message_id = ? ORDER BY attempt_no")) {
            s.setString(1, messageId);
            List<AttemptEntry> attempts = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    int status = rs.getInt(5);
                    Integer targetStatus = rs.wasNull() ? null : status;
                    attempts.add(new AttemptEntry(rs.getInt(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            targetStatus, rs.getString(6), rs.getString(7)));
                }
            }
            return attempts;
        } catch (SQLException e) {
            throw Jdbc.unavailable(e);
        }
    }

    /**
     * The lane's counts from the lane index alone (a deep queue of another target costs nothing here): its open
     * messages, less those being delivered, and the oldest receipt among its keys' heads — the oldest message of each
     * key not yet delivered (a head being delivered included), which is its key's oldest.
     */
    public LaneCounts laneCounts(String target) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement open = c.prepareStatement("SELECT COUNT(*) FROM hub_message WHERE target = ? "
                     + "AND due_at >= ?");
             PreparedStatement processing = c.prepareStatement("SELECT COUNT(*), COUNT(due_at) FROM hub_message "
                     + "WHERE status = 'processing' AND target = ?");
             PreparedStatement oldest = c.prepareStatement("SELECT MIN(received_at) FROM hub_message "
                     + "WHERE target = ? AND due_at >= ? AND due_at < ?")) {
            open.setString(1, target);
            open.setLong(2, Long.MIN_VALUE);
            long openCount = single(open);
            processing.setString(1, target);
            long inFlight;
            long claimedAsynchronous;
            try (ResultSet rs = processing.executeQuery()) {
                rs.next();
                inFlight = rs.getLong(1);
                claimedAsynchronous = rs.getLong(2);
            }
            oldest.setString(1, target);
            oldest.setLong(2, Long.MIN_VALUE);
            oldest.setLong(3, KeyOrder.WAITING);
            long oldestAt = single(oldest);
            long waiting = Math.max(0, openCount - claimedAsynchronous);
            return new LaneCounts(waiting, inFlight, waiting == 0 || oldestAt == 0 ? null : oldestAt);
        } catch (SQLException e) {
            throw Jdbc.unavailable(e);
        }
    }

    private static long single(PreparedStatement s) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The ids of the dead messages that match a filter. */
    public List<String> deadIds(MessageFilter filter) {
        List<Object> args = new ArrayList<>();
        String where = where(filter, args);
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id FROM hub_message" + where + " ORDER BY seq")) {
            bind(s, args);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw Jdbc.unavailable(e);
        }
    }

    /**
     * Retention: deletes up to {@code batch} processed messages last updated before {@code before}, with their
     * attempts, in one short transaction; returns how many went. Dead and failed messages are kept for ops.
     */
    public int purgeProcessed(long before, int batch) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            List<String> ids = new ArrayList<>();
            // received_at < ? changes nothing (a message is updated after it is received) but bounds the read of
            // hub_message_status (status, received_at): without it every run read all processed rows to find none.
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM hub_message WHERE status = 'processed' "
                    + "AND received_at < ? AND updated_at < ? ORDER BY received_at LIMIT ?")) {
                s.setLong(1, before);
                s.setLong(2, before);
                s.setInt(3, batch);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            try (PreparedStatement attempts = c.prepareStatement("DELETE FROM hub_attempt WHERE message_id = ?");
                 PreparedStatement message = c.prepareStatement("DELETE FROM hub_message WHERE id = ? "
                         + "AND status = 'processed'")) {
                for (String id : ids) {
                    attempts.setString(1, id);
                    attempts.addBatch();
                    message.setString(1, id);
                    message.addBatch();
                }
                attempts.executeBatch();
                message.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
            return ids.size();
        } catch (SQLException e) {
            throw Jdbc.unavailable(e);
        }
    }

    /** Deletes a dead or failed message and its attempts; false when it is in another status. */
    public boolean deleteFinished(String id) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement message = c.prepareStatement("DELETE FROM hub_message WHERE id = ? "
                    + "AND status IN ('dead', 'failed')");
                 PreparedStatement attempts = c.prepareStatement("DELETE FROM hub_attempt WHERE message_id = ?")) {
                message.setString(1, id);
                if (message.executeUpdate() == 0) {
                    c.rollback();
                    return false;
                }
                attempts.setString(1, id);
                attempts.executeUpdate();
                c.commit();
                return true;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw Jdbc.unavailable(e);
        }
    }

    private static String where(MessageFilter f, List<Object> args) {
        StringBuilder where = new StringBuilder();
        condition(where, args, "status = ?", f.status());
        condition(where, args, "partner = ?", f.partner());
        condition(where, args, "message_type = ?", f.messageType());
        condition(where, args, "correlation_id = ?", f.correlationId());
        condition(where, args, "external_reference = ?", f.externalReference());
        condition(where, args, "received_at >= ?", f.from());
        condition(where, args, "received_at < ?", f.to());
        return where.toString();
    }

    private static void condition(StringBuilder where, List<Object> args, String sql, Object value) {
        if (value != null) {
            where.append(where.length() == 0 ? " WHERE " : " AND ").append(sql);
            args.add(value);
        }
    }

    private static void bind(PreparedStatement s, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            s.setObject(i + 1, args.get(i));
        }
    }
}
