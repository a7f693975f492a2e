package io.integrationhub.store;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/** The replay of dead letters (SPEC §4), one write: each back in the queue, in its key's order by receipt. */
final class DeadLetterReplay {

    private final MessageStore store;
    private final KeyOrder keyOrder;
    private final DueNotices dueNotices;

    DeadLetterReplay(MessageStore store, KeyOrder keyOrder, DueNotices dueNotices) {
        this.store = store;
        this.keyOrder = keyOrder;
        this.dueNotices = dueNotices;
    }

    /**
     * Puts dead messages back in the queue with a fresh retry budget (SPEC §4). A replayed message takes its old
     * place in its key's order, ahead of any later message of the key still waiting, behind one being delivered.
     */
    Replay replay(List<String> ids, long now) {
        record Dead(String id, String partner, String key, long seq, String target) {
        }
        return store.writeAndWait("replay", c -> {
            List<Dead> dead = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            try (PreparedStatement read = c.prepareStatement("SELECT partner, correlation_id, seq, target "
                    + "FROM hub_message WHERE id = ? AND status = 'dead' AND integration_mode = 'asynchronous'")) {
                for (String id : new LinkedHashSet<>(ids)) {
                    Sql.bind(read, id);
                    List<Dead> found = Sql.read(read, row -> new Dead(id, row.getString(1), row.getString(2),
                            row.getLong(3), row.getString(4)));
                    dead.addAll(found);
                    if (found.isEmpty()) {
                        skipped.add(id);
                    }
                }
            }
            // In receipt order, whatever order ops named them in: the first of a key becomes its head.
            dead.sort(Comparator.comparingLong(Dead::seq));
            // mapped = NULL: a replay is mapped again with the route file in force now (SPEC §5).
            try (PreparedStatement requeue = c.prepareStatement("UPDATE hub_message SET status = 'queued', "
                    + "retry_base = attempts, next_attempt_at = ?, due_at = ?, queue_open = 1, claimed_by = NULL, "
                    + "claim_expires_at = NULL, mapped = NULL, updated_at = ? WHERE id = ? AND status = 'dead'")) {
                for (Dead m : dead) {
                    boolean head = keyOrder.admitReplay(c, m.id(), m.seq(), m.partner(), m.key());
                    if (head) {
                        dueNotices.add(m.target());
                    }
                    Sql.bind(requeue, now, head ? now : KeyOrder.WAITING, now, m.id());
                    requeue.executeUpdate();
                }
            }
            return new Replay(dead.size(), skipped);
        });
    }
}
