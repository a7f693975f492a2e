import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;

import io.integrationhub.store.Database;
import io.integrationhub.store.MessageIds;

/**
 * Fills a store with N processed messages (seed 000's example, 10,000 correlation ids, received a day ago: inside
 * the retention period), for the ingest figure with a full store. Rows are inserted directly, in batches: what is
 * measured afterwards is the hub's ingest, not this.
 *   java -cp target/integration-hub.jar bench/FillStore.java URL N
 */
public class FillStore {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        int rows = Integer.parseInt(args[1]);
        byte[] body = ("{\"payload\":{\"short_description\":\"Printer is not working\",\"urgency\":3,\"impact\":3,"
                + "\"number\":\"INC00001001\"},\"integrationmode\":\"asynchronous\",\"integrationPartner\":\"Automize\","
                + "\"correlation_id\":\"fill\",\"external_action\":\"update\",\"external_reference\":\"INC00001001\","
                + "\"message_type\":\"Inbound Automize Incident\"}").getBytes(StandardCharsets.UTF_8);
        long at = System.currentTimeMillis() - 24 * 3600 * 1000L;
        long started = System.nanoTime();
        try (Database db = new Database(url, "sa", "", 2)) {
            db.migrate();
            try (Connection c = db.dataSource().getConnection();
                 PreparedStatement s = c.prepareStatement("INSERT INTO hub_message (id, partner, message_type, "
                         + "integration_mode, correlation_id, external_action, external_reference, body_format, body, "
                         + "status, attempts, target, target_status, target_reference, received_at, updated_at) "
                         + "VALUES (?, 'automize', 'Inbound Automize Incident', 'asynchronous', ?, 'update', "
                         + "'INC00001001', 'json', ?, 'processed', 1, 'ticketing', 200, '1', ?, ?)")) {
                c.setAutoCommit(false);
                for (int i = 0; i < rows; i++) {
                    s.setString(1, MessageIds.next());
                    s.setString(2, "fill-" + (i % 10_000));
                    s.setBytes(3, body);
                    s.setLong(4, at + i / 100);
                    s.setLong(5, at + i / 100);
                    s.addBatch();
                    if (i % 5000 == 4999 || i == rows - 1) {
                        s.executeBatch();
                        c.commit();
                    }
                }
            }
        }
        System.out.printf("filled %d processed messages in %.1f s%n", rows, (System.nanoTime() - started) / 1e9);
    }
}
