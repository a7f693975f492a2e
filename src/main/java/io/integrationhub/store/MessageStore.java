package io.integrationhub.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.integrationhub.store.GroupCommitWriter.TransactionListener;


/**
 * New messages, delivery outcomes and reads of one message. Writes go through {@link GroupCommitWriter} so that
 * concurrent receipts and outcomes share one durable commit; claims are {@link DeliveryQueue}'s, searches
 * {@link MessageLog}'s.
 */
public class MessageStore implements AutoCloseable {

    /** The columns {@link #row} reads, in its order. */
    static final String COLUMNS = "id, seq, partner, message_type, integration_mode, "
            + "correlation_id, external_action, external_reference, body_format, body, status, attempts, "
            + "next_attempt_at, last_error, target, target_status, target_reference, target_response, "
            + "idempotency_key, received_at, updated_at, mapped, revised_payload";
    private static final String SELECT_COLUMNS = "SELECT " + COLUMNS + " FROM hub_message ";

    // A PostgreSQL commit waits on the server for most of its time: two transactions in flight keep it busy (a third
    // made smaller groups: 20 % less intake, more CPU a row). H2 has one writer (its per-key order lives in this
    // process), and needs no more: its commit does not wait.
    public static final int POSTGRESQL_WRITERS = 2;

    // The statuses but queued, each with how many of its messages are in a lane (asynchronous and open: due_at set).
    private static final String COUNT_BY_STATUS = "SELECT status, COUNT(*), COUNT(due_at) FROM hub_message "
            + "WHERE status IN ('processing', 'retrying', 'dead', 'failed') GROUP BY status";

    private final Sql sql;
    private final Database.Dialect dialect;
    private final GroupCommitWriter writer;
    private final KeyOrder keyOrder;
    private final DueNotices dueNotices;
    private final NewMessageBatch newMessages;
    private final OutcomeBatch outcomes;
    private final String instanceId;
    private final long leaseMs;

    /**
     * @param instanceId the instance that holds the claims this store writes: a synchronous message is claimed by
     *                   the instance delivering it, and an outcome is only recorded while that instance holds the claim
     * @param leaseMs    how long a claim lasts unless renewed
     */
    public MessageStore(DataSource dataSource, Database.Dialect dialect, String instanceId, long leaseMs) {
        this(dataSource, dialect, instanceId, leaseMs, POSTGRESQL_WRITERS);
    }

    /** {@code postgresqlWriters}: group commits in flight at once on PostgreSQL ({@code hub.db.writers}). */
    public MessageStore(DataSource dataSource, Database.Dialect dialect, String instanceId, long leaseMs,
                        int postgresqlWriters) {
        this.sql = new Sql(dataSource);
        this.dialect = dialect;
        this.dueNotices = new DueNotices(dialect);
        this.keyOrder = dialect == Database.Dialect.POSTGRESQL
                ? new PostgresqlKeyOrder(dueNotices::add, instanceId, leaseMs) : new H2KeyOrder();
        this.newMessages = new NewMessageBatch(keyOrder, dueNotices, instanceId, leaseMs);
        this.outcomes = new OutcomeBatch(keyOrder, instanceId);
        // In this order: the key order's locks, the new messages, the outcomes (which may finish heads the new
        // messages wait behind), then the notices of what all of them made due.
        this.writer = new GroupCommitWriter(dataSource, TransactionListener.both(keyOrder,
                TransactionListener.both(newMessages, TransactionListener.both(outcomes, dueNotices))),
                dialect == Database.Dialect.POSTGRESQL ? Math.max(1, postgresqlWriters) : 1);
        this.instanceId = instanceId;
        this.leaseMs = leaseMs;
    }

    /**
     * {@code instances} hubs (this one among them) write to this store: this one keeps its share of the group commits
     * in flight, {@code hub.db.writers} divided among them and at least one, so that the database has about as many
     * transactions in flight as with one hub. Returns that share.
     */
    public int shareWritersAmong(int instances) {
        return writer.shareAmong(instances);
    }

    /** The group commits this hub keeps in flight: all of {@code hub.db.writers}, or its share of them. */
    public int writersInFlight() {
        return writer.inFlight();
    }

    /** Stores the message durably; the returned stage completes after the commit (SPEC §4: no 202 before it). */
    public CompletableFuture<Void> append(NewMessage message) {
        return writer.submit("message " + message.id(),
                message.asynchronous() ? KeyHash.of(message.partner(), message.correlationId()) : null,
                c -> newMessages.add(message));
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
        await(writer.submit(what, c -> {
            newMessages.flush(c);
            keyOrder.lockKeys(c);
            outcomes.flush(c);
            result.set(work.run(c));
        }));
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

    public Optional<StoredMessage> find(String id) {
        return sql.first(SELECT_COLUMNS + "WHERE id = ?", MessageStore::row, id);
    }

    /** The message a partner first sent with this Idempotency-Key, if any. */
    public Optional<IdempotencyRecord> findByIdempotencyKey(String partner, String key) {
        return sql.first("SELECT id, request_hash, answer_status, answer_type, answer_body, answer_retry_after "
                + "FROM hub_message WHERE partner = ? AND idempotency_key = ?", row -> {
                    Integer status = Sql.nullableInt(row, 3);
                    StoredAnswer answer = status == null ? null : new StoredAnswer(status, row.getString(4),
                            row.getString(5), Sql.nullableInt(row, 6));
                    return new IdempotencyRecord(row.getString(1), row.getString(2), answer);
                }, partner, key);
    }

    /** Keeps the answer a synchronous message got, for a repeat with its Idempotency-Key. */
    public void saveAnswer(String id, StoredAnswer answer) {
        sql.update("UPDATE hub_message SET answer_status = ?, answer_type = ?, answer_body = ?, "
                        + "answer_retry_after = ? WHERE id = ?", answer.status(), answer.contentType(), answer.body(),
                Sql.integer(answer.retryAfterSeconds()), id);
    }

    /**
     * Writes one attempt's outcome, its log entry and the External IDs, all in one transaction — shared with other
     * writes by the group commit ({@link OutcomeBatch}) — and returns after the commit. The outcome is written only
     * while this instance still holds the message's claim.
     */
    public void record(DeliveryRecord r, String partner, String correlationId) {
        record(r, partner, correlationId, null);
    }

    /** {@link #record} with the event the outcome notifies (SPEC §7), stored in the same transaction; or null. */
    public void record(DeliveryRecord r, String partner, String correlationId, Notification notice) {
        record(r, partner, correlationId, notice, null);
    }

    /**
     * {@link #record} of a finished message, which also claims the next message of its key for this instance when
     * that message becomes the key's head, is in {@code lane} and is due (on PostgreSQL; H2 claims in the lane as
     * before). Empty when there is none, or it went to the lane for any instance to claim.
     */
    public Optional<Claim> recordAndClaimNext(DeliveryRecord r, String partner, String correlationId, String lane) {
        NextOfKey next = new NextOfKey(lane);
        record(r, partner, correlationId, null, next);
        return Optional.ofNullable(next.claim());
    }

    private void record(DeliveryRecord r, String partner, String correlationId, Notification notice,
                        NextOfKey next) {
        Long key = MessageStatus.isOpen(r.status()) ? null : KeyHash.of(partner, correlationId);
        await(writer.submit("outcome of " + r.messageId(), key, c -> {
            if (next != null) {
                next.claimed(null); // a shared transaction that claimed it rolled back: this run decides again
            }
            outcomes.add(new OutcomeBatch.Outcome(r, partner, correlationId, notice, next));
        }));
    }

    /**
     * Puts dead messages back in the queue with a fresh retry budget (SPEC §4), each in its old place in its key's
     * order ({@link DeadLetterReplay}).
     */
    public Replay replay(List<String> ids, long now) {
        return new DeadLetterReplay(this, keyOrder, dueNotices).replay(ids, now);
    }

    /**
     * Gives a dead message a new payload revision ({@code number} is ignored: the next one is taken); false when the
     * message is not dead (any more).
     */
    public boolean revise(String messageId, PayloadRevision revision) {
        return new PayloadRevisions(this).revise(messageId, revision);
    }

    /**
     * At start, before the first write: the embedded store's per-key order is read from the lanes of these targets.
     * (PostgreSQL keeps it in the database.) Returns how many open messages were read.
     */
    public int loadKeyOrder(Collection<String> targets) {
        if (!(keyOrder instanceof H2KeyOrder h2)) {
            return 0;
        }
        return writeAndWait("key order", c -> h2.load(c, targets));
    }

    /** How many messages are in each status but processed (which only grows, and is not a queue). */
    public Map<String, Long> countOpenAndFinished() {
        record Count(String status, long all, long inLanes) {
        }
        return sql.inConnection(c -> {
            List<Count> byStatus = Sql.list(c, COUNT_BY_STATUS,
                    row -> new Count(row.getString(1), row.getLong(2), row.getLong(3)));
            Map<String, Long> counts = new HashMap<>();
            byStatus.forEach(count -> counts.put(count.status(), count.all()));
            // PostgreSQL's status index leaves queued messages out: there they are the lanes' rows (an index-only
            // scan of the lane index) less the lanes' processing and retrying ones. H2's index has them.
            counts.put(MessageStatus.QUEUED, dialect == Database.Dialect.H2
                    ? Sql.count(c, "SELECT COUNT(*) FROM hub_message WHERE status = 'queued'")
                    : Sql.count(c, "SELECT COUNT(*) FROM hub_message WHERE due_at IS NOT NULL")
                            - byStatus.stream().mapToLong(Count::inLanes).sum());
            return counts;
        });
    }

    /** {@link #COLUMNS} of the table named {@code alias} in a query that joins it. */
    static String qualifiedColumns(String alias) {
        return Arrays.stream(COLUMNS.split(",")).map(column -> alias + "." + column.trim())
                .collect(Collectors.joining(", "));
    }

    /** Reads a row selected with {@link #COLUMNS}. */
    static StoredMessage row(ResultSet row) throws SQLException {
        return new StoredMessage(row.getString(1), row.getLong(2), row.getString(3), row.getString(4),
                row.getString(5), row.getString(6), row.getString(7), row.getString(8), row.getString(9),
                row.getBytes(10), row.getString(11), row.getInt(12), Sql.nullableLong(row, 13), row.getString(14),
                row.getString(15), Sql.nullableInt(row, 16), row.getString(17), row.getString(18), row.getString(19),
                row.getLong(20), row.getLong(21), row.getString(22), row.getString(23));
    }

    @Override
    public void close() {
        writer.close();
    }
}
