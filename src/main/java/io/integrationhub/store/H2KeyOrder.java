package io.integrationhub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-key order on the embedded H2 store, which one process holds alone: each key's open messages are kept here, head
 * first, instead of in an index on the key (kept up to date at random places on every insert, it halved H2's insert
 * rate). Loaded from the store at start; changes made inside a transaction that rolls back are undone with it.
 */
final class H2KeyOrder implements KeyOrder {

    private static final Logger LOG = LoggerFactory.getLogger(H2KeyOrder.class);

    private static final String PROMOTE = "UPDATE hub_message SET due_at = next_attempt_at WHERE id = ? "
            + "AND due_at = " + WAITING;
    private static final String SEQ_OF = "SELECT seq FROM hub_message WHERE id = ?";
    // The lane index (target, due_at) holds every open asynchronous message: heads with their due time, the rest
    // WAITING; finished messages have no due_at.
    private static final String OPEN_OF_TARGET = "SELECT id, seq, partner, correlation_id, status, due_at, "
            + "next_attempt_at, claim_expires_at FROM hub_message WHERE target = ? AND due_at >= ?";

    /** Key hash → the key's open messages, head first. */
    private final Map<Long, Deque<String>> lines = new HashMap<>();
    /** How to undo this transaction's changes, newest first. */
    private final Deque<Runnable> undo = new ArrayDeque<>();
    // Each key with open messages costs about 190 bytes of heap (80 a further message of a key): warn while a
    // quarter of the heap goes to it, before a backlog on spread keys runs the hub out of memory.
    private final int keysToWarnAt = (int) Math.min(Integer.MAX_VALUE, Runtime.getRuntime().maxMemory() / 4 / 190);
    private boolean warned;

    @Override
    public boolean admit(Connection c, String id, String partner, String correlationId) {
        long key = KeyHash.of(partner, correlationId);
        Deque<String> line = lines.get(key);
        if (line == null) {
            Deque<String> added = new ArrayDeque<>(2);
            added.add(id);
            lines.put(key, added);
            undo.push(() -> lines.remove(key));
            warnIfLarge();
            return true;
        }
        line.addLast(id);
        undo.push(line::removeLast);
        return false;
    }

    /**
     * A replayed message takes its old place by receipt order among the messages waiting behind the head (the head
     * stays: it may be under way). Their order is read from the store: a replay is rare, the line is kept lean.
     */
    @Override
    public boolean admitReplay(Connection c, String id, long seq, String partner, String correlationId)
            throws SQLException {
        Deque<String> line = lines.get(KeyHash.of(partner, correlationId));
        if (line == null) {
            return admit(c, id, partner, correlationId);
        }
        List<String> before = new ArrayList<>(line);
        List<String> after = new ArrayList<>(before.size() + 1);
        after.add(before.get(0));
        boolean placed = false;
        try (PreparedStatement seqOf = c.prepareStatement(SEQ_OF)) {
            for (String waiting : before.subList(1, before.size())) {
                if (!placed && seqOf(seqOf, waiting) > seq) {
                    after.add(id);
                    placed = true;
                }
                after.add(waiting);
            }
        }
        if (!placed) {
            after.add(id);
        }
        line.clear();
        line.addAll(after);
        undo.push(() -> {
            line.clear();
            line.addAll(before);
        });
        return false;
    }

    private static long seqOf(PreparedStatement seqOf, String id) throws SQLException {
        Sql.bind(seqOf, id);
        return Sql.read(seqOf, row -> row.getLong(1)).stream().findFirst().orElse(Long.MAX_VALUE);
    }

    /** H2 claims in the lane: an offer to take a key's next message is left unanswered. */
    @Override
    public void finishedAll(Connection c, List<OutcomeBatch.Outcome> finished) throws SQLException {
        for (OutcomeBatch.Outcome o : finished) {
            finished(c, o.record().messageId(), o.partner(), o.correlationId());
        }
    }

    private void finished(Connection c, String id, String partner, String correlationId) throws SQLException {
        long key = KeyHash.of(partner, correlationId);
        Deque<String> line = lines.get(key);
        if (line == null || !id.equals(line.peekFirst())) {
            return; // not a head here: a synchronous message, which keeps no place in its key's order
        }
        line.pollFirst();
        undo.push(() -> line.addFirst(id));
        if (line.isEmpty()) {
            lines.remove(key);
            undo.push(() -> lines.put(key, line));
            return;
        }
        Sql.update(c, PROMOTE, line.peekFirst());
    }

    private void warnIfLarge() {
        if (!warned && lines.size() >= keysToWarnAt) {
            warned = true;
            LOG.warn("{} correlation keys have messages waiting: the embedded store keeps their order in the heap "
                    + "(about 190 bytes each), a quarter of it now. Give the hub more heap (-Xmx) or move to "
                    + "PostgreSQL before the backlog grows further", lines.size());
        } else if (warned && lines.size() < keysToWarnAt / 2) {
            warned = false;
        }
    }

    @Override
    public void begin(Connection connection, long[] keys) {
        undo.clear();
    }

    @Override
    public void committed() {
        undo.clear();
    }

    @Override
    public void rolledBack() {
        while (!undo.isEmpty()) {
            undo.pop().run();
        }
    }

    /**
     * At start, before any other write: reads the open messages of every lane in receipt order and makes the first of
     * each key its head (after an upgrade every open message waits, and this picks the heads). Returns how many.
     */
    int load(Connection c, Collection<String> targets) throws SQLException {
        record Open(String id, long seq, long key, String status, long dueAt, long nextAttemptAt, long claimExpires) {
        }
        List<Open> open = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(OPEN_OF_TARGET)) {
            for (String target : targets) {
                Sql.bind(s, target, Long.MIN_VALUE);
                open.addAll(Sql.read(s, row -> new Open(row.getString(1), row.getLong(2),
                        KeyHash.of(row.getString(3), row.getString(4)), row.getString(5), row.getLong(6),
                        row.getLong(7), row.getLong(8))));
            }
        }
        open.sort(Comparator.comparingLong(Open::seq));
        lines.clear();
        try (PreparedStatement setDue = c.prepareStatement("UPDATE hub_message SET due_at = ? WHERE id = ?")) {
            for (Open m : open) {
                Deque<String> line = lines.computeIfAbsent(m.key(), k -> new ArrayDeque<>(2));
                boolean head = line.isEmpty();
                line.add(m.id());
                long due = !head ? WAITING : MessageStatus.PROCESSING.equals(m.status()) ? m.claimExpires()
                        : m.nextAttemptAt();
                if (due != m.dueAt()) {
                    Sql.bind(setDue, due, m.id());
                    setDue.executeUpdate();
                }
            }
        }
        undo.clear();
        warnIfLarge();
        return open.size();
    }
}
