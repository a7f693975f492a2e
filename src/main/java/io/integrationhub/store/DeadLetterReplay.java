package io.integrationhub.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** The replay of dead letters (SPEC §4), one write: each back in the queue, in its key's order by receipt. */
final class DeadLetterReplay {

    private final MessageStore store;
    private final KeyOrder keyOrder;

    DeadLetterReplay(MessageStore store, KeyOrder keyOrder) {
        this.store = store;
        this.keyOrder = keyOrder;
    }

    /**
     * Puts dead messages back in the queue with a fresh retry budget (SPEC §4). A replayed message takes its old
     * place in its key's order, ahead of any later message of the key still waiting, behind one being delivered.
     */
    Replay replay(java.util.List<String> ids, long now) {
        record Dead(String id, String partner, String key, long seq) {
        }
        return store.writeAndWait("replay", c -> {
            java.util.List<Dead> dead = new java.util.ArrayList<>();
            java.util.List<String> skipped = new java.util.ArrayList<>();
            try (PreparedStatement read = c.prepareStatement("SELECT partner, correlation_id, seq FROM hub_message "
                    + "WHERE id = ? AND status = 'dead' AND integration_mode = 'asynchronous'")) {
                for (String id : new java.util.LinkedHashSet<>(ids)) {
                    read.setString(1, id);
                    try (ResultSet rs = read.executeQuery()) {
                        if (rs.next()) {
                            dead.add(new Dead(id, rs.getString(1), rs.getString(2), rs.getLong(3)));
                        } else {
                            skipped.add(id);
                        }
                    }
                }
            }
            // In receipt order, whatever order ops named them in: the first of a key becomes its head.
            dead.sort(java.util.Comparator.comparingLong(Dead::seq));
            // mapped = NULL: a replay is mapped again with the route file in force now (SPEC §5).
            try (PreparedStatement requeue = c.prepareStatement("UPDATE hub_message SET status = 'queued', "
                    + "retry_base = attempts, next_attempt_at = ?, due_at = ?, queue_open = 1, claimed_by = NULL, "
                    + "claim_expires_at = NULL, mapped = NULL, updated_at = ? WHERE id = ? AND status = 'dead'")) {
                for (Dead m : dead) {
                    boolean head = keyOrder.admitReplay(c, m.id(), m.seq(), m.partner(), m.key());
                    requeue.setLong(1, now);
                    requeue.setLong(2, head ? now : KeyOrder.WAITING);
                    requeue.setLong(3, now);
                    requeue.setString(4, m.id());
                    requeue.executeUpdate();
                }
            }
            return new Replay(dead.size(), skipped);
        });
    }
}
