package io.integrationhub.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * SPEC §4 per-key order, kept at write time so that the claim never looks for heads: of a key's open asynchronous
 * messages only the head is claimable ({@code due_at} set to when it may be tried), the others wait with
 * {@code due_at} = {@link #WAITING}. Finishing the head (processed or dead) makes the next one of its key claimable in
 * the same transaction. Every method runs on the store's writer thread, inside the group commit's transaction.
 */
interface KeyOrder extends GroupCommitWriter.TransactionListener {

    /** {@code due_at} of a message that waits for an earlier one of its key: never due by itself. */
    long WAITING = Long.MAX_VALUE;

    /**
     * Takes the per-key locks of the batch named at {@code begin}, if they are not taken yet: called before the
     * transaction's first statement. The new messages' look-up takes them itself, in its own round trip.
     */
    default void lockKeys(Connection c) throws SQLException {
    }

    /** Whether a new (or replayed) asynchronous message is the head of its key: no other open message has it. */
    boolean admit(Connection c, String id, String partner, String correlationId) throws SQLException;

    /** {@link #admit} for the new messages of one batch, in their order: whether each is its key's head. */
    default boolean[] admitAll(Connection c, List<NewMessage> messages) throws SQLException {
        boolean[] heads = new boolean[messages.size()];
        for (int i = 0; i < heads.length; i++) {
            NewMessage m = messages.get(i);
            heads[i] = m.asynchronous() && admit(c, m.id(), m.partner(), m.correlationId());
        }
        return heads;
    }

    /**
     * A replayed dead message (its receipt order {@code seq}) rejoins its key's order: ahead of the later messages
     * still waiting, behind the head if one is there.
     */
    default boolean admitReplay(Connection c, String id, long seq, String partner, String correlationId)
            throws SQLException {
        return admit(c, id, partner, correlationId);
    }

    /**
     * The heads that finished in one batch, in their order, left the queue: the next open message of each key, if any,
     * becomes claimable (or is claimed by this instance, where an outcome offered to take it: {@link NextOfKey}).
     */
    void finishedAll(Connection c, List<OutcomeBatch.Outcome> finished) throws SQLException;

}
