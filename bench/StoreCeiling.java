import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import io.integrationhub.store.Database;
import io.integrationhub.store.MessageIds;
import io.integrationhub.store.MessageStore;
import io.integrationhub.store.NewMessage;

/**
 * The store's own durable insert ceiling: many threads appending messages through the hub's group-commit writer,
 * no HTTP. Run with the hub's jar on the class path: java -cp target/integration-hub.jar bench/StoreCeiling.java URL
 */
public class StoreCeiling {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        long seconds = args.length > 2 ? Long.parseLong(args[2]) : 10;
        // The row the hub writes for bench/create-message.lua's request: the same body, so the same storage path.
        byte[] body = ("{\"payload\":{\"short_description\":\"Printer is not working\",\"urgency\":3,\"impact\":3,"
                + "\"number\":\"INC00001001\"},\"integrationmode\":\"asynchronous\",\"integrationPartner\":\"Automize\","
                + "\"correlation_id\":\"bench-1\",\"external_action\":\"update\",\"external_reference\":\"INC00001001\","
                + "\"message_type\":\"Inbound Automize Incident\"}").getBytes(StandardCharsets.UTF_8);
        try (Database db = new Database(url, "sa", "", 16)) {
            db.migrate();
            MessageStore store = new MessageStore(db.dataSource(), db.dialect(), "store-ceiling", 60000);
            AtomicLong done = new AtomicLong();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CompletableFuture<?>[] workers = new CompletableFuture<?>[threads];
            for (int t = 0; t < threads; t++) {
                int thread = t;
                workers[t] = CompletableFuture.runAsync(() -> {
                    long n = 0;
                    while (System.nanoTime() < end) {
                        store.appendAndWait(NewMessage.received(MessageIds.next(), "automize",
                                        System.currentTimeMillis())
                                .envelope("Inbound Automize Incident", "asynchronous",
                                        "ceiling-" + (n++ % 100) + "-" + thread, "update", "INC00001001")
                                .body("json", body).status("queued", "ticketing").build());
                        done.incrementAndGet();
                    }
                }, pool);
            }
            CompletableFuture.allOf(workers).join();
            pool.shutdown();
            store.close();
            System.out.printf("store_ceiling_rows_per_s=%.0f%n", done.get() / (double) seconds);
        }
    }
}
