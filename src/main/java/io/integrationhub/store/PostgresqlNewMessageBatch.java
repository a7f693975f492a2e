package io.integrationhub.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link NewMessageBatch} on PostgreSQL: the group's new messages in one statement that also decides their keys' heads
 * and announces the heads' lanes, sent with the batch's key locks in one round trip. A look-up of the open keys, then
 * the INSERT, then the notices took three; the group's latency, not CPU, is what bounds the intake here.
 *
 * The rows come as one array a column (one statement text for any batch size, prepared once) and are inserted in the
 * batch's order, which their seq follows. The first message of a key in the batch is its head unless the key has an
 * open message already: the statement runs after the locks are held, so its snapshot sees every instance's committed
 * messages of the key. The batch's later messages of a key wait behind the first.
 */
final class PostgresqlNewMessageBatch extends TransactionBatch<NewMessage> {

    private static final String INSERT_ALL = "WITH v AS (SELECT * FROM unnest(?::text[], ?::text[], ?::text[], "
            + "?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bytea[], ?::text[], ?::integer[], "
            + "?::bigint[], ?::text[], ?::text[], ?::text[], ?::integer[], ?::text[], ?::text[], ?::bigint[], "
            + "?::text[], ?::bigint[], ?::bigint[], ?::boolean[], ?::text[]) WITH ORDINALITY AS v(id, partner, "
            + "message_type, integration_mode, correlation_id, external_action, external_reference, body_format, body, "
            + "status, queue_open, next_attempt_at, target, idempotency_key, request_hash, answer_status, answer_type, "
            + "answer_body, received_at, claimed_by, claim_expires_at, due_at, first_of_key, mapped, ord)), "
            + "added AS (INSERT INTO hub_message (id, partner, message_type, integration_mode, correlation_id, "
            + "external_action, external_reference, body_format, body, status, queue_open, attempts, next_attempt_at, "
            + "target, idempotency_key, request_hash, answer_status, answer_type, answer_body, received_at, "
            + "updated_at, claimed_by, claim_expires_at, due_at, mapped) "
            + "SELECT id, partner, message_type, integration_mode, correlation_id, external_action, "
            + "external_reference, body_format, body, status, queue_open, 0, next_attempt_at, target, "
            + "idempotency_key, request_hash, answer_status, answer_type, answer_body, received_at, received_at, "
            + "claimed_by, claim_expires_at, CASE WHEN first_of_key AND NOT EXISTS (SELECT 1 FROM hub_message h "
            + "WHERE h.partner = v.partner AND h.correlation_id = v.correlation_id AND h.queue_open = 1) "
            + "THEN received_at ELSE due_at END, mapped FROM v ORDER BY ord RETURNING target, due_at) "
            + "SELECT count(pg_notify('" + DueNotices.CHANNEL + "', t)) FROM (SELECT DISTINCT target FROM added "
            + "WHERE due_at < " + KeyOrder.WAITING + " AND target IS NOT NULL) AS heads(t)";

    private final PostgresqlKeyOrder keyOrder;
    private final String instanceId;
    private final long leaseMs;

    PostgresqlNewMessageBatch(PostgresqlKeyOrder keyOrder, String instanceId, long leaseMs) {
        this.keyOrder = keyOrder;
        this.instanceId = instanceId;
        this.leaseMs = leaseMs;
    }

    @Override
    void write(Connection c, List<NewMessage> messages) throws SQLException {
        int n = messages.size();
        String[] ids = new String[n];
        String[] partners = new String[n];
        String[] types = new String[n];
        String[] modes = new String[n];
        String[] correlationIds = new String[n];
        String[] actions = new String[n];
        String[] references = new String[n];
        String[] formats = new String[n];
        byte[][] bodies = new byte[n][];
        String[] statuses = new String[n];
        Integer[] open = new Integer[n];
        Long[] received = new Long[n];
        String[] targets = new String[n];
        String[] idempotencyKeys = new String[n];
        String[] hashes = new String[n];
        Integer[] answerStatuses = new Integer[n];
        String[] answerTypes = new String[n];
        String[] answerBodies = new String[n];
        String[] claimedBy = new String[n];
        Long[] claimExpires = new Long[n];
        Long[] dueAt = new Long[n];
        Boolean[] firstOfKey = new Boolean[n];
        String[] mapped = new String[n];
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < n; i++) {
            NewMessage m = messages.get(i);
            ids[i] = m.id();
            partners[i] = m.partner();
            types[i] = m.messageType();
            modes[i] = m.integrationMode();
            correlationIds[i] = m.correlationId();
            actions[i] = m.externalAction();
            references[i] = m.externalReference();
            formats[i] = m.bodyFormat();
            bodies[i] = m.body();
            statuses[i] = m.status();
            received[i] = m.receivedAt();
            targets[i] = m.target();
            idempotencyKeys[i] = m.idempotencyKey();
            hashes[i] = m.requestHash();
            StoredAnswer answer = m.answer();
            answerStatuses[i] = answer == null ? null : answer.status();
            answerTypes[i] = answer == null ? null : answer.contentType();
            answerBodies[i] = answer == null ? null : answer.body();
            mapped[i] = m.mapped();
            // As NewMessageBatch: a synchronous message is claimed from the start by this instance, which delivers it.
            if (MessageStatus.PROCESSING.equals(m.status())) {
                claimedBy[i] = instanceId;
                claimExpires[i] = m.receivedAt() + leaseMs;
            }
            if (m.asynchronous()) {
                keyOrder.lock(c, m.partner(), m.correlationId()); // named up front: only marks it
                open[i] = 1;
                dueAt[i] = KeyOrder.WAITING;
            }
            firstOfKey[i] = m.asynchronous() && keys.add(m.partner() + '\u0000' + m.correlationId());
        }
        keyOrder.afterLocks(c, INSERT_ALL, row -> row.getLong(1), new Sql.ArrayOf("text", ids),
                new Sql.ArrayOf("text", partners), new Sql.ArrayOf("text", types), new Sql.ArrayOf("text", modes),
                new Sql.ArrayOf("text", correlationIds), new Sql.ArrayOf("text", actions),
                new Sql.ArrayOf("text", references), new Sql.ArrayOf("text", formats),
                new Sql.ArrayOf("bytea", bodies), new Sql.ArrayOf("text", statuses),
                new Sql.ArrayOf("integer", open), new Sql.ArrayOf("bigint", received),
                new Sql.ArrayOf("text", targets), new Sql.ArrayOf("text", idempotencyKeys),
                new Sql.ArrayOf("text", hashes), new Sql.ArrayOf("integer", answerStatuses),
                new Sql.ArrayOf("text", answerTypes), new Sql.ArrayOf("text", answerBodies),
                new Sql.ArrayOf("bigint", received), new Sql.ArrayOf("text", claimedBy),
                new Sql.ArrayOf("bigint", claimExpires), new Sql.ArrayOf("bigint", dueAt),
                new Sql.ArrayOf("boolean", firstOfKey), new Sql.ArrayOf("text", mapped));
    }
}
