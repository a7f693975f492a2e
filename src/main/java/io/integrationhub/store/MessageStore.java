package io.integrationhub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * New messages, delivery outcomes and reads of one message. Writes go through {@link GroupCommitWriter} so that
 * concurrent receipts and outcomes share one durable commit; claims are {@link DeliveryQueue}'s, searches
 * {@link MessageLog}'s.
 */
public class MessageStore implements AutoCloseable {

    private static final String INSERT = "INSERT INTO hub_message (id, partner, message_type, integration_mode, "
            + "correlation_id, external_action, external_reference, body_format, body, status, queue_open, attempts, "
            + "next_attempt_at, target, idempotency_key, request_hash, answer_status, answer_type, answer_body, "
            + "received_at, updated_at, claimed_by, claim_expires_at, due_at, mapped) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** The columns {@link Jdbc#row} reads, in its order. */
    static final String COLUMNS = "id, seq, partner, message_type, integration_mode, "
            + "correlation_id, external_action, external_reference, body_format, body, status, attempts, "
            + "next_attempt_at, last_error, target, target_status, target_reference, target_response, "
            + "idempotency_key, received_at, updated_at, mapped";
    private static final String SELECT_COLUMNS = "SELECT " + COLUMNS + " FROM hub_message ";

    private static final Logger LOG = LoggerFactory.getLogger(MessageStore.class);

    private final DataSource dataSource;
    private final GroupCommitWriter writer;
    private final KeyOrder keyOrder;
    private final String instanceId;
    private final long leaseMs;

    /**
     * @param instanceId the instance that holds the claims this store writes: a synchronous message is claimed by
     *                   the instance delivering it, and an outcome is only recorded while that instance holds the claim
     * @param leaseMs    how long a claim lasts unless renewed
     */
    public MessageStore(DataSource dataSource, Database.Dialect dialect, String instanceId, long leaseMs) {
        this.dataSource = dataSource;
        this.keyOrder = dialect == Database.Dialect.POSTGRESQL ? new PostgresqlKeyOrder() : new H2KeyOrder();
        this.writer = new GroupCommitWriter(dataSource, keyOrder);
        this.instanceId = instanceId;
        this.leaseMs = leaseMs;
    }

    /** Stores the message durably; the returned stage completes after the commit (SPEC §4: no 202 before it). */
    public CompletableFuture<Void> append(NewMessage message) {
        return writer.submit("message " + message.id(),
                message.asynchronous() ? KeyHash.of(message.partner(), message.correlationId()) : null,
                c -> insert(c, message));
    }

    /** Work in the group commit that gives a result (a claim, a count of updated rows). */
    interface Query<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs store work in the next group commit, waits for that commit and returns the work's result. If the shared
     * transaction failed, the work ran again on its own: the result is that run's.
     */
    <T> T writeAndWait(String what, Query<T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        await(writer.submit(what, c -> result.set(work.run(c))));
        return result.get();
    }

    /** Stores the message and waits for the commit. */
    public void appendAndWait(NewMessage message) {
        await(append(message));
    }

    private static void await(CompletableFuture<Void> committed) {
        try {
            committed.join();
        } catch (CompletionException e) {
            throw notStored(e.getCause());
        }
    }

    /** Why a write's stage failed, as the exception a caller of {@link #appendAndWait} would have caught. */
    public static StoreUnavailableException notStored(Throwable failure) {
        Throwable cause = failure instanceof CompletionException wrapped ? wrapped.getCause() : failure;
        return cause instanceof StoreUnavailableException down ? down
                : new StoreUnavailableException("The store did not accept the message", cause);
    }

    private void insert(Connection connection, NewMessage m) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, m.id());
            insert.setString(2, m.partner());
            insert.setString(3, m.messageType());
            insert.setString(4, m.integrationMode());
            insert.setString(5, m.correlationId());
            insert.setString(6, m.externalAction());
            insert.setString(7, m.externalReference());
            insert.setString(8, m.bodyFormat());
            insert.setBytes(9, m.body());
            insert.setString(10, m.status());
            // queue_open marks the rows the claim reads: asynchronous messages not yet processed or dead.
            Jdbc.setInt(insert, 11, m.asynchronous() ? 1 : null);
            insert.setLong(12, m.receivedAt());
            insert.setString(13, m.target());
            insert.setString(14, m.idempotencyKey());
            insert.setString(15, m.requestHash());
            Jdbc.setInt(insert, 16, m.answer() == null ? null : m.answer().status());
            insert.setString(17, m.answer() == null ? null : m.answer().contentType());
            insert.setString(18, m.answer() == null ? null : m.answer().body());
            insert.setLong(19, m.receivedAt());
            insert.setLong(20, m.receivedAt());
            // A synchronous message is delivered at once by this instance: it is claimed from the start, so that
            // if this instance dies while the partner waits, another one fails it once the claim has expired.
            boolean claimed = MessageStatus.PROCESSING.equals(m.status());
            insert.setString(21, claimed ? instanceId : null);
            Jdbc.setLong(insert, 22, claimed ? m.receivedAt() + leaseMs : null);
            // due_at puts an asynchronous message in its target's lane: due now as its key's head, else waiting.
            Long dueAt = !m.asynchronous() ? null
                    : keyOrder.admit(connection, m.id(), m.partner(), m.correlationId()) ? m.receivedAt()
                    : KeyOrder.WAITING;
            Jdbc.setLong(insert, 23, dueAt);
            insert.setString(24, m.mapped());
            insert.executeUpdate();
        }
    }

    public Optional<StoredMessage> find(String id) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(SELECT_COLUMNS + "WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(Jdbc.row(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.unavailable(e);
        }
    }

    /** The message a partner first sent with this Idempotency-Key, if any. */
    public Optional<IdempotencyRecord> findByIdempotencyKey(String partner, String key) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id, request_hash, answer_status, answer_type, "
                     + "answer_body, answer_retry_after FROM hub_message WHERE partner = ? AND idempotency_key = ?")) {
            s.setString(1, partner);
            s.setString(2, key);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                int status = rs.getInt(3);
                StoredAnswer answer = rs.wasNull() ? null : new StoredAnswer(status, rs.getString(4), rs.getString(5),
                        (Integer) rs.getObject(6, Integer.class));
                return Optional.of(new IdempotencyRecord(rs.getString(1), rs.getString(2), answer));
            }
        } catch (SQLException e) {
            throw Jdbc.unavailable(e);
        }
    }

    /** Keeps the answer a synchronous message got, for a repeat with its Idempotency-Key. */
    public void saveAnswer(String id, StoredAnswer answer) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE hub_message SET answer_status = ?, answer_type = ?, "
                     + "answer_body = ?, answer_retry_after = ? WHERE id = ?")) {
            s.setInt(1, answer.status());
            s.setString(2, answer.contentType());
            s.setString(3, answer.body());
            Jdbc.setInt(s, 4, answer.retryAfterSeconds());
            s.setString(5, id);
            s.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.unavailable(e);
        }
    }

    /**
     * Writes one attempt's outcome, its log entry and the External IDs, all in one transaction — shared with other
     * writes by the group commit — and returns after the commit. The outcome is written only while this instance
     * still holds the message's claim: after its lease ran out another instance may have taken the message over, and
     * then that instance's outcome is the one that counts.
     */
    public void record(DeliveryRecord r, String partner, String correlationId) {
        Long key = MessageStatus.isOpen(r.status()) ? null : KeyHash.of(partner, correlationId);
        await(writer.submit("outcome of " + r.messageId(), key, c -> {
            if (!updateMessage(c, r)) {
                LOG.warn("outcome not recorded message_id={} attempt={}: its claim passed to another instance",
                        r.messageId(), r.attempts());
                return;
            }
            insertAttempt(c, r);
            if (!MessageStatus.isOpen(r.status())) {
                keyOrder.finished(c, r.messageId(), partner, correlationId);
            }
            if (r.recordRef() != null || r.lastRef() != null) {
                ExternalIdStore.upsert(c, partner, correlationId, r.target(), r.recordRef(), r.lastRef(), r.at());
            }
        }));
    }

    private boolean updateMessage(Connection c, DeliveryRecord r) throws SQLException {
        boolean open = MessageStatus.isOpen(r.status());
        // A synchronous message between its quick retries stays processing and keeps its claim.
        boolean keepClaim = MessageStatus.PROCESSING.equals(r.status());
        try (PreparedStatement s = c.prepareStatement("UPDATE hub_message SET status = ?, attempts = ?, "
                + "next_attempt_at = ?, last_error = ?, target = ?, target_status = ?, target_reference = ?, "
                + "target_response = ?, updated_at = ?"
                + (r.uncounted() ? ", retry_base = retry_base + 1" : "")
                + (keepClaim ? "" : ", claimed_by = NULL, claim_expires_at = NULL, due_at = ?")
                + (open ? "" : ", queue_open = NULL") + " WHERE id = ? AND claimed_by = ?")) {
            s.setString(1, r.status());
            s.setInt(2, r.attempts());
            Jdbc.setLong(s, 3, r.nextAttemptAt());
            s.setString(4, Jdbc.truncate(r.error(), 4000));
            s.setString(5, r.target());
            Jdbc.setInt(s, 6, r.targetStatus());
            s.setString(7, Jdbc.truncate(r.targetReference(), 1000));
            s.setString(8, r.targetResponse());
            s.setLong(9, r.at());
            int next = 10;
            if (!keepClaim) {
                // A retrying head is due at its next attempt; a finished message leaves the lane.
                Jdbc.setLong(s, next++, open ? r.nextAttemptAt() : null);
            }
            s.setString(next++, r.messageId());
            s.setString(next, instanceId);
            return s.executeUpdate() == 1;
        }
    }

    private void insertAttempt(Connection c, DeliveryRecord r) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO hub_attempt (message_id, attempt_no, at, outcome, "
                + "error, target_status, target_answer, instance) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, r.messageId());
            s.setInt(2, r.attempts());
            s.setLong(3, r.at());
            s.setString(4, r.outcome());
            s.setString(5, Jdbc.truncate(r.error(), 4000));
            Jdbc.setInt(s, 6, r.targetStatus());
            s.setString(7, r.targetResponse());
            s.setString(8, instanceId);
            s.executeUpdate();
        }
    }

    /**
     * Puts dead messages back in the queue with a fresh retry budget (SPEC §4), each in its old place in its key's
     * order ({@link DeadLetterReplay}).
     */
    public Replay replay(java.util.List<String> ids, long now) {
        return new DeadLetterReplay(this, keyOrder).replay(ids, now);
    }

    /**
     * At start, before the first write: the embedded store's per-key order is read from the lanes of these targets.
     * (PostgreSQL keeps it in the database.) Returns how many open messages were read.
     */
    public int loadKeyOrder(java.util.Collection<String> targets) {
        if (!(keyOrder instanceof H2KeyOrder h2)) {
            return 0;
        }
        return writeAndWait("key order", c -> h2.load(c, targets));
    }

    /** How many messages are in each status but processed (which only grows, and is not a queue). */
    public java.util.Map<String, Long> countOpenAndFinished() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT status, COUNT(*) FROM hub_message "
                     + "WHERE status IN ('queued', 'processing', 'retrying', 'dead', 'failed') GROUP BY status");
             ResultSet rs = s.executeQuery()) {
            java.util.Map<String, Long> counts = new java.util.HashMap<>();
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
            return counts;
        } catch (SQLException e) {
            throw Jdbc.unavailable(e);
        }
    }

    @Override
    public void close() {
        writer.close();
    }
}
