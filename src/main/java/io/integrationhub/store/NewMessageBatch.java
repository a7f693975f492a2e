package io.integrationhub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The new messages of the running group commit, written together: one statement batch (on PostgreSQL rewritten into
 * multi-row INSERTs) and one per-key order look-up for all of them, instead of two round trips per message. They are
 * written before any other work of the transaction runs (an outcome may finish a head they wait behind) and before
 * the commit. Only the store's writer threads use it.
 */
final class NewMessageBatch extends TransactionBatch<NewMessage> {

    private static final String INSERT = "INSERT INTO hub_message (id, partner, message_type, integration_mode, "
            + "correlation_id, external_action, external_reference, body_format, body, status, queue_open, attempts, "
            + "next_attempt_at, target, idempotency_key, request_hash, answer_status, answer_type, answer_body, "
            + "received_at, updated_at, claimed_by, claim_expires_at, due_at, mapped) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final KeyOrder keyOrder;
    private final DueNotices dueNotices;
    private final String instanceId;
    private final long leaseMs;

    NewMessageBatch(KeyOrder keyOrder, DueNotices dueNotices, String instanceId, long leaseMs) {
        this.keyOrder = keyOrder;
        this.dueNotices = dueNotices;
        this.instanceId = instanceId;
        this.leaseMs = leaseMs;
    }

    /** The batch's new messages: their heads found in one look-up, then one statement batch. */
    @Override
    void write(Connection c, List<NewMessage> messages) throws SQLException {
        boolean[] heads = keyOrder.admitAll(c, messages);
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (int i = 0; i < messages.size(); i++) {
                bind(insert, messages.get(i), heads[i]);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private void bind(PreparedStatement insert, NewMessage m, boolean head) throws SQLException {
        // A synchronous message is delivered at once by this instance: it is claimed from the start, so that
        // if this instance dies while the partner waits, another one fails it once the claim has expired.
        boolean claimed = MessageStatus.PROCESSING.equals(m.status());
        // due_at puts an asynchronous message in its target's lane: due now as its key's head, else waiting.
        Long dueAt = !m.asynchronous() ? null : head ? m.receivedAt() : KeyOrder.WAITING;
        if (m.asynchronous() && head) {
            dueNotices.add(m.target());
        }
        StoredAnswer answer = m.answer();
        // queue_open (11th) marks the rows the claim reads: asynchronous messages not yet processed or dead.
        Sql.bind(insert, m.id(), m.partner(), m.messageType(), m.integrationMode(), m.correlationId(),
                m.externalAction(), m.externalReference(), m.bodyFormat(), m.body(), m.status(),
                Sql.integer(m.asynchronous() ? 1 : null), m.receivedAt(), m.target(), m.idempotencyKey(),
                m.requestHash(), Sql.integer(answer == null ? null : answer.status()),
                answer == null ? null : answer.contentType(), answer == null ? null : answer.body(), m.receivedAt(),
                m.receivedAt(), claimed ? instanceId : null, Sql.bigint(claimed ? m.receivedAt() + leaseMs : null),
                Sql.bigint(dueAt), m.mapped());
    }
}
