package io.integrationhub.store;

/**
 * SPEC §7 edit and replay: a dead message gains a revision of its payload, kept with the previous one for the audit
 * trail; the message's own body stays as the partner sent it. In the group commit, like a replay: the message row
 * may be one a shared transaction is writing.
 */
final class PayloadRevisions {

    private static final String NEXT_NUMBER = "SELECT COALESCE(MAX(revision_no), 0) + 1 FROM hub_revision "
            + "WHERE message_id = ?";
    private static final String INSERT = "INSERT INTO hub_revision (message_id, revision_no, at, by_user, reason, "
            + "before_payload, after_payload) VALUES (?, ?, ?, ?, ?, ?, ?)";
    // mapped = NULL: the revision is mapped again when the message is replayed (it is dead: nothing sends it now).
    private static final String REVISE = "UPDATE hub_message SET revised_payload = ?, mapped = NULL, updated_at = ? "
            + "WHERE id = ? AND status = 'dead'";

    private final MessageStore store;

    PayloadRevisions(MessageStore store) {
        this.store = store;
    }

    /** Stores the revision; false (and nothing stored) when the message is not dead any more. */
    boolean revise(String messageId, PayloadRevision revision) {
        return store.writeAndWait("payload revision", c -> {
            if (Sql.update(c, REVISE, revision.after(), revision.at(), messageId) == 0) {
                return false;
            }
            int number = Sql.first(c, NEXT_NUMBER, row -> row.getInt(1), messageId).orElse(1);
            Sql.update(c, INSERT, messageId, number, revision.at(), revision.by(), revision.reason(),
                    revision.before(), revision.after());
            return true;
        });
    }
}
