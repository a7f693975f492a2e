package io.integrationhub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery outcomes of the running group commit, written together: one statement batch each for the messages'
 * new state, their attempt log entries and their External IDs, and one per-key order step for the heads that
 * finished, instead of four or five round trips per outcome. Written after the transaction's new messages (an outcome
 * may finish a head they wait behind), before any other work and before the commit. Only the writer threads use it.
 */
final class OutcomeBatch extends TransactionBatch<OutcomeBatch.Outcome> {

    private static final Logger LOG = LoggerFactory.getLogger(OutcomeBatch.class);
    // One statement for every kind of outcome, so that a batch keeps their order: a synchronous message between its
    // quick retries stays processing and keeps its claim; a retrying head is due at its next attempt; a finished
    // message leaves the lane and its key's queue.
    private static final String UPDATE = "UPDATE hub_message SET status = ?, attempts = ?, next_attempt_at = ?, "
            + "last_error = ?, target = ?, target_status = ?, target_reference = ?, target_response = ?, "
            + "updated_at = ?, retry_base = retry_base + ?, "
            + "claimed_by = CASE WHEN ? THEN claimed_by ELSE NULL END, "
            + "claim_expires_at = CASE WHEN ? THEN claim_expires_at ELSE NULL END, "
            + "due_at = CASE WHEN ? THEN due_at ELSE ? END, "
            + "queue_open = CASE WHEN ? THEN queue_open ELSE NULL END "
            + "WHERE id = ? AND claimed_by = ?";
    private static final String ATTEMPT = "INSERT INTO hub_attempt (message_id, attempt_no, at, outcome, error, "
            + "target_status, target_answer, instance) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    /**
     * An outcome, the correlation key of its message, the event it notifies, if any (null), and whether this instance
     * offers to deliver the key's next message ({@link NextOfKey}; null: it does not).
     */
    record Outcome(DeliveryRecord record, String partner, String correlationId, Notification notice,
                   NextOfKey next) {
    }

    private final KeyOrder keyOrder;
    private final String instanceId;

    OutcomeBatch(KeyOrder keyOrder, String instanceId) {
        this.keyOrder = keyOrder;
        this.instanceId = instanceId;
    }

    /**
     * Writes the pending outcomes now. An outcome is written only while this instance still holds the message's
     * claim: after its lease ran out another instance may have taken the message over, and its outcome counts.
     */
    @Override
    void write(Connection c, List<Outcome> gathered) throws SQLException {
        keyOrder.lockKeys(c);
        // In message id order, as renewals lock them: two transactions locking rows in one order never deadlock. The
        // sort is stable: a message's own outcomes keep their order.
        List<Outcome> outcomes = gathered.stream()
                .sorted(java.util.Comparator.comparing(o -> o.record().messageId())).toList();
        int[] updated = updateMessages(c, outcomes);
        List<Outcome> recorded = new ArrayList<>(outcomes.size());
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome o = outcomes.get(i);
            if (updated[i] == 1) {
                recorded.add(o);
            } else {
                LOG.warn("outcome not recorded message_id={} attempt={}: its claim passed to another instance",
                        o.record().messageId(), o.record().attempts());
            }
        }
        insertAttempts(c, recorded);
        // In the outcome's own transaction: a message that went dead is told, or was not dead.
        NotificationOutbox.insertAll(c, recorded.stream().map(Outcome::notice).filter(n -> n != null).toList());
        // Before the next heads are claimed: a claim returns its key's External IDs, which this outcome may have set.
        ExternalIdStore.upsertAll(c, recorded.stream()
                .filter(o -> o.record().recordRef() != null || o.record().lastRef() != null).toList());
        keyOrder.finishedAll(c, recorded.stream().filter(o -> !MessageStatus.isOpen(o.record().status())).toList());
    }

    private int[] updateMessages(Connection c, List<Outcome> outcomes) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(UPDATE)) {
            for (Outcome o : outcomes) {
                DeliveryRecord r = o.record();
                boolean open = MessageStatus.isOpen(r.status());
                boolean keepClaim = MessageStatus.PROCESSING.equals(r.status());
                Sql.bind(s, r.status(), r.attempts(), Sql.bigint(r.nextAttemptAt()), Sql.truncate(r.error(), 4000),
                        r.target(), Sql.integer(r.targetStatus()), Sql.truncate(r.targetReference(), 1000),
                        r.targetResponse(), r.at(), r.uncounted() ? 1 : 0, keepClaim, keepClaim, keepClaim,
                        Sql.bigint(open ? r.nextAttemptAt() : null), open, r.messageId(), instanceId);
                s.addBatch();
            }
            return s.executeBatch();
        }
    }

    private void insertAttempts(Connection c, List<Outcome> recorded) throws SQLException {
        if (recorded.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(ATTEMPT)) {
            for (Outcome o : recorded) {
                DeliveryRecord r = o.record();
                Sql.bind(s, r.messageId(), r.attempts(), r.at(), r.outcome(), Sql.truncate(r.error(), 4000),
                        Sql.integer(r.targetStatus()), r.targetResponse(), instanceId);
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}
