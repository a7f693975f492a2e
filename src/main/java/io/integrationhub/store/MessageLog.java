package io.integrationhub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/** The ops side of the store: searching the message log, attempts, the dead letters to replay, deleting messages. */
public class MessageLog {

    private static final String COLUMNS = "id, seq, partner, message_type, integration_mode, correlation_id, "
            + "external_action, external_reference, body_format, NULL AS body, status, attempts, next_attempt_at, "
            + "last_error, target, target_status, target_reference, NULL AS target_response, idempotency_key, "
            + "received_at, updated_at, NULL AS mapped, NULL AS revised_payload";

    /** One page of a search and how many messages match in all. */
    public record Page(List<StoredMessage> items, long total) {
    }

    /**
     * One lane's queue: its asynchronous messages waiting (queued or retrying), the messages being delivered to its
     * target (synchronous ones too), and when its oldest waiting message was received (null when none waits).
     */
    public record LaneCounts(long waiting, long inFlight, Long oldestWaitingAt) {
    }

    private final Sql sql;

    public MessageLog(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    /** Newest first. */
    public Page search(MessageFilter filter, int limit, int offset) {
        List<Object> args = new ArrayList<>();
        String where = where(filter, args);
        return sql.inConnection(c -> {
            long total = Sql.first(c, "SELECT COUNT(*) FROM hub_message" + where, row -> row.getLong(1),
                    args.toArray()).orElse(0L);
            args.add(limit);
            args.add(offset);
            List<StoredMessage> items = Sql.list(c, "SELECT " + COLUMNS + " FROM hub_message" + where
                    + " ORDER BY received_at DESC, seq DESC LIMIT ? OFFSET ?", MessageStore::row, args.toArray());
            return new Page(items, total);
        });
    }

    /** How many messages of each (message type, target) were received since the given time. */
    public record Rate(String messageType, String target, long count) {
    }

    public List<Rate> receivedSince(long since) {
        return sql.list("SELECT message_type, target, COUNT(*) FROM hub_message WHERE received_at >= ? "
                        + "GROUP BY message_type, target ORDER BY COUNT(*) DESC",
                row -> new Rate(row.getString(1), row.getString(2), row.getLong(3)), since);
    }

    public List<AttemptEntry> attempts(String messageId) {
        return sql.list("SELECT attempt_no, at, outcome, error, target_status, target_answer, instance "
                        + "FROM hub_attempt WHERE message_id = ? ORDER BY attempt_no",
                row -> new AttemptEntry(row.getInt(1), row.getLong(2), row.getString(3), row.getString(4),
                        Sql.nullableInt(row, 5), row.getString(6), row.getString(7)), messageId);
    }

    /** A message's payload revisions, oldest first. */
    public List<PayloadRevision> revisions(String messageId) {
        return sql.list("SELECT revision_no, at, by_user, reason, before_payload, after_payload FROM hub_revision "
                        + "WHERE message_id = ? ORDER BY revision_no",
                row -> new PayloadRevision(row.getInt(1), row.getLong(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getString(6)), messageId);
    }

    /**
     * The lane's counts from the lane index alone (a deep queue of another target costs nothing here): its open
     * messages, less those being delivered, and the oldest receipt among its keys' heads — the oldest message of each
     * key not yet delivered (a head being delivered included), which is its key's oldest.
     */
    public LaneCounts laneCounts(String target) {
        return sql.inConnection(c -> {
            long open = Sql.count(c, "SELECT COUNT(*) FROM hub_message WHERE target = ? AND due_at >= ?", target,
                    Long.MIN_VALUE);
            long[] processing = Sql.first(c, "SELECT COUNT(*), COUNT(due_at) FROM hub_message "
                    + "WHERE status = 'processing' AND target = ?", row -> new long[] {row.getLong(1), row.getLong(2)},
                    target).orElseThrow();
            long oldestAt = Sql.count(c, "SELECT MIN(received_at) FROM hub_message WHERE target = ? AND due_at >= ? "
                    + "AND due_at < ?", target, Long.MIN_VALUE, KeyOrder.WAITING);
            long waiting = Math.max(0, open - processing[1]);
            return new LaneCounts(waiting, processing[0], waiting == 0 || oldestAt == 0 ? null : oldestAt);
        });
    }

    /** The ids of the dead messages that match a filter. */
    public List<String> deadIds(MessageFilter filter) {
        List<Object> args = new ArrayList<>();
        String where = where(filter, args);
        return sql.list("SELECT id FROM hub_message" + where + " ORDER BY seq", row -> row.getString(1),
                args.toArray());
    }

    /**
     * Retention: deletes up to {@code batch} processed messages last updated before {@code before}, with their
     * attempts, in one short transaction; returns how many went. Dead and failed messages are kept for ops.
     */
    public int purgeProcessed(long before, int batch) {
        return sql.inTransaction(c -> {
            // received_at < ? changes nothing (a message is updated after it is received) but bounds the read of
            // hub_message_status (status, received_at): without it every run read all processed rows to find none.
            List<String> ids = Sql.list(c, "SELECT id FROM hub_message WHERE status = 'processed' "
                    + "AND received_at < ? AND updated_at < ? ORDER BY received_at LIMIT ?", row -> row.getString(1),
                    before, before, batch);
            // A processed message may have been edited while it was dead: its revisions go with it.
            try (PreparedStatement attempts = c.prepareStatement("DELETE FROM hub_attempt WHERE message_id = ?");
                 PreparedStatement revisions = c.prepareStatement("DELETE FROM hub_revision WHERE message_id = ?");
                 PreparedStatement message = c.prepareStatement("DELETE FROM hub_message WHERE id = ? "
                         + "AND status = 'processed'")) {
                for (String id : ids) {
                    Sql.bind(attempts, id);
                    attempts.addBatch();
                    Sql.bind(revisions, id);
                    revisions.addBatch();
                    Sql.bind(message, id);
                    message.addBatch();
                }
                attempts.executeBatch();
                revisions.executeBatch();
                message.executeBatch();
            }
            return ids.size();
        });
    }

    /** Deletes a dead or failed message and its attempts; false when it is in another status. */
    public boolean deleteFinished(String id) {
        return sql.inTransaction(c -> {
            if (Sql.update(c, "DELETE FROM hub_message WHERE id = ? AND status IN ('dead', 'failed')", id) == 0) {
                return false;
            }
            Sql.update(c, "DELETE FROM hub_attempt WHERE message_id = ?", id);
            Sql.update(c, "DELETE FROM hub_revision WHERE message_id = ?", id);
            return true;
        });
    }

    static String where(MessageFilter f, List<Object> args) {
        StringBuilder where = new StringBuilder();
        condition(where, args, "status = ?", f.status());
        if (MessageStatus.QUEUED.equals(f.status())) {
            // Every queued message is in a lane. PostgreSQL's status index leaves queued messages out (V14), so
            // this lets the lane index find them instead of a scan of the whole table.
            where.append(" AND due_at IS NOT NULL");
        }
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
}
