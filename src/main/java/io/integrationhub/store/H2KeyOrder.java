package io.integrationhub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-key order on the embedded H2 store, without an index on the key (kept up to date at random places on every
 * insert, it halved H2's insert rate): each key with open messages has a line in {@code hub_key_line}, found by the
 * key's hash, naming its head and its tail, and each waiting message names the next of its key in {@code next_id}.
 * A new message is the head of a new line or is linked behind the tail; a finished head hands the line to its next.
 * The lines live in the store, in the transaction that changes them: a rollback undoes them, a restart finds them,
 * and the heap does not grow with a backlog.
 */
final class H2KeyOrder implements KeyOrder {

    private static final String LINE = "SELECT head_id, tail_id FROM hub_key_line WHERE key_hash = ?";
    private static final String NEW_LINE = "INSERT INTO hub_key_line (key_hash, head_id, tail_id) VALUES (?, ?, ?)";
    private static final String SET_TAIL = "UPDATE hub_key_line SET tail_id = ? WHERE key_hash = ?";
    private static final String SET_HEAD = "UPDATE hub_key_line SET head_id = ? WHERE key_hash = ?";
    private static final String END_LINE = "DELETE FROM hub_key_line WHERE key_hash = ?";
    private static final String LINK = "UPDATE hub_message SET next_id = ? WHERE id = ?";
    private static final String NEXT_OF = "SELECT next_id FROM hub_message WHERE id = ?";
    private static final String SEQ_OF = "SELECT seq FROM hub_message WHERE id = ?";
    private static final String PROMOTE = "UPDATE hub_message SET due_at = next_attempt_at WHERE id = ? "
            + "AND due_at = " + WAITING;
    // The lane index (target, due_at) holds every open asynchronous message: heads with their due time, the rest
    // WAITING; finished messages have no due_at.
    private static final String OPEN_OF_TARGET = "SELECT id, seq, partner, correlation_id, status, due_at, "
            + "next_attempt_at, claim_expires_at FROM hub_message WHERE target = ? AND due_at >= ?";

    @Override
    public boolean admit(Connection c, String id, String partner, String correlationId) throws SQLException {
        long key = KeyHash.of(partner, correlationId);
        String[] line = line(c, key);
        if (line == null) {
            update(c, NEW_LINE, key, id, id);
            return true;
        }
        update(c, LINK, id, line[1]);
        update(c, SET_TAIL, id, key);
        return false;
    }

    /**
     * A replayed message takes its old place by receipt order among the messages waiting behind the head (the head
     * stays: it may be under way): the line is walked from its head, a replay being rare.
     */
    @Override
    public boolean admitReplay(Connection c, String id, long seq, String partner, String correlationId)
            throws SQLException {
        long key = KeyHash.of(partner, correlationId);
        String[] line = line(c, key);
        if (line == null) {
            update(c, NEW_LINE, key, id, id);
            update(c, LINK, null, id);
            return true;
        }
        String before = line[0];
        String after = nextOf(c, before);
        while (after != null && seqOf(c, after) < seq) {
            before = after;
            after = nextOf(c, after);
        }
        update(c, LINK, after, id);
        update(c, LINK, id, before);
        if (after == null) {
            update(c, SET_TAIL, id, key);
        }
        return false;
    }

    @Override
    public void finished(Connection c, String id, String partner, String correlationId) throws SQLException {
        long key = KeyHash.of(partner, correlationId);
        String[] line = line(c, key);
        if (line == null || !id.equals(line[0])) {
            return; // not a head: a synchronous message, which keeps no place in its key's order
        }
        String next = nextOf(c, id);
        if (next == null) {
            update(c, END_LINE, key);
            return;
        }
        update(c, SET_HEAD, next, key);
        update(c, PROMOTE, next);
    }

    /**
     * At start, before any other write: when open messages wait but no line is stored (the first start after the
     * migration that brought lines), reads them in receipt order, links each key's and makes its first the head.
     * Returns how many open messages it read, 0 when the lines were there.
     */
    int load(Connection c, Collection<String> targets) throws SQLException {
        try (PreparedStatement any = c.prepareStatement("SELECT 1 FROM hub_key_line LIMIT 1");
             ResultSet rs = any.executeQuery()) {
            if (rs.next()) {
                return 0;
            }
        }
        record Open(String id, long seq, long key, String status, long dueAt, long nextAttemptAt, long claimExpires) {
        }
        List<Open> open = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(OPEN_OF_TARGET)) {
            for (String target : targets) {
                s.setString(1, target);
                s.setLong(2, Long.MIN_VALUE);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        open.add(new Open(rs.getString(1), rs.getLong(2), KeyHash.of(rs.getString(3),
                                rs.getString(4)), rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getLong(8)));
                    }
                }
            }
        }
        open.sort(Comparator.comparingLong(Open::seq));
        Map<Long, String[]> lines = new HashMap<>();
        try (PreparedStatement setDue = c.prepareStatement("UPDATE hub_message SET due_at = ?, next_id = NULL "
                + "WHERE id = ?")) {
            for (Open m : open) {
                String[] line = lines.get(m.key());
                if (line != null) {
                    update(c, LINK, m.id(), line[1]);
                    line[1] = m.id();
                } else {
                    lines.put(m.key(), new String[] {m.id(), m.id()});
                }
                long due = line != null ? WAITING : MessageStatus.PROCESSING.equals(m.status()) ? m.claimExpires()
                        : m.nextAttemptAt();
                setDue.setLong(1, due);
                setDue.setString(2, m.id());
                setDue.executeUpdate();
            }
        }
        for (Map.Entry<Long, String[]> line : lines.entrySet()) {
            update(c, NEW_LINE, line.getKey(), line.getValue()[0], line.getValue()[1]);
        }
        return open.size();
    }

    private static String[] line(Connection c, long key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(LINE)) {
            s.setLong(1, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new String[] {rs.getString(1), rs.getString(2)} : null;
            }
        }
    }

    private static String nextOf(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(NEXT_OF)) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static long seqOf(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SEQ_OF)) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : Long.MAX_VALUE;
            }
        }
    }

    private static void update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                s.setObject(i + 1, values[i]);
            }
            s.executeUpdate();
        }
    }
}
