import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * bench/outage.sh's receipt-to-delivery figures, read from the store after the hub stopped (the embedded H2 file is
 * open in one process only). Times are the hub's own: receipt = hub_message.received_at, delivery = hub_attempt.at of
 * the attempt whose outcome is "delivered" (written when the target's success came back).
 *
 *   java -cp target/integration-hub.jar bench/OutageReport.java URL USER FROM_MS TO_MS STOP_MS PREFIX...
 *
 * For each PREFIX (ticketing's messages received from FROM_MS to TO_MS whose correlation id starts with it): messages,
 * delivered, p50 and p95 from receipt to delivery. A message not delivered when the hub stopped (STOP_MS) counts as
 * slower than any delivered one; a quantile that falls on one is printed as ">N", N its wait until the stop.
 * The messages are found by their ids, which are UUIDs of version 7 (MessageIds: the receipt's millisecond first), so
 * that the query reads a range of the primary key and not the whole table (a million rows after a run on H2); should
 * the ids no longer be made so, it reads the whole table.
 */
public final class OutageReport {

    private static final String TICKETING = "Inbound Automize Incident";

    private OutageReport() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        long from = Long.parseLong(args[2]);
        long to = Long.parseLong(args[3]);
        long stop = Long.parseLong(args[4]);
        Map<String, List<Long>> delivered = new LinkedHashMap<>();
        Map<String, List<Long>> waiting = new LinkedHashMap<>();
        for (int i = 5; i < args.length; i++) {
            delivered.put(args[i], new ArrayList<>());
            waiting.put(args[i], new ArrayList<>());
        }
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            int rows = read(c, true, from, to, stop, delivered, waiting);
            if (rows == 0) {
                read(c, false, from, to, stop, delivered, waiting);
            }
        }
        for (String prefix : delivered.keySet()) {
            List<Long> d = delivered.get(prefix);
            List<Long> w = waiting.get(prefix);
            Collections.sort(d);
            Collections.sort(w);
            String key = prefix.replaceAll("[^A-Za-z0-9]", "_");
            System.out.printf("%s_messages=%d%n%s_delivered=%d%n", key, d.size() + w.size(), key, d.size());
            System.out.printf("%s_p50_ms=%s%n%s_p95_ms=%s%n", key, quantile(d, w, 0.50), key, quantile(d, w, 0.95));
        }
    }

    /** Reads ticketing's messages received from..to; returns how many rows it read. */
    private static int read(Connection c, boolean byId, long from, long to, long stop,
                            Map<String, List<Long>> delivered, Map<String, List<Long>> waiting) throws Exception {
        String sql = "SELECT m.correlation_id, m.received_at, a.at FROM hub_message m "
                + "LEFT JOIN hub_attempt a ON a.message_id = m.id AND a.outcome = 'delivered' "
                + "WHERE m.message_type = ? AND m.received_at >= ? AND m.received_at <= ?"
                + (byId ? " AND m.id >= ? AND m.id < ?" : "");
        int rows = 0;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, TICKETING);
            s.setLong(2, from);
            s.setLong(3, to);
            if (byId) {
                // A message received at t has an id from UUID(t << 16, 0) up to (not including) UUID((t + 1) << 16, 0).
                s.setString(4, new UUID(from << 16, 0).toString());
                s.setString(5, new UUID((to + 1) << 16, 0).toString());
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows++;
                    String correlationId = rs.getString(1);
                    long received = rs.getLong(2);
                    long at = rs.getLong(3);
                    boolean notDelivered = rs.wasNull();
                    for (String prefix : delivered.keySet()) {
                        if (correlationId.startsWith(prefix)) {
                            if (notDelivered) {
                                waiting.get(prefix).add(stop - received);
                            } else {
                                delivered.get(prefix).add(at - received);
                            }
                        }
                    }
                }
            }
        }
        return rows;
    }

    /** The q-quantile of all the messages, the undelivered ones last (their wait so far is a lower bound). */
    private static String quantile(List<Long> delivered, List<Long> waiting, double q) {
        int n = delivered.size() + waiting.size();
        if (n == 0) {
            return "none";
        }
        int i = Math.max(0, Math.min(n - 1, (int) Math.ceil(q * n) - 1));
        if (i < delivered.size()) {
            return String.valueOf(delivered.get(i));
        }
        return ">" + waiting.get(Math.min(waiting.size() - 1, i - delivered.size()));
    }
}
