import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * no HTTP. Run with the hub's jar on the class path:
 *
 *   java -cp target/integration-hub.jar bench/StoreCeiling.java URL [THREADS=64] [SECONDS=10] [WARMUP_SECONDS=0]
 *
 * On PostgreSQL (a URL from bench/EmbeddedPg.java, which names its user) it also prints the CPU a row of the
 * database server's processes and of this process over the measured seconds: without HTTP and wrk beside it, the
 * server's figure moves by a few percent from run to run, where bench/stores.sh's move by a fifth or more, so it is
 * the one to compare two schemas or statements by:
 *
 *   java -cp "target/integration-hub.jar:$(cat target/bench.classpath)" bench/EmbeddedPg.java hub   # prints jdbc_url=
 *   java -cp target/integration-hub.jar bench/StoreCeiling.java "$JDBC_URL" 64 20 8
 */
public class StoreCeiling {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        long seconds = args.length > 2 ? Long.parseLong(args[2]) : 10;
        long warmUp = args.length > 3 ? Long.parseLong(args[3]) : 0;
        boolean postgresql = url.startsWith("jdbc:postgresql:");
        // The row the hub writes for bench/create-message.lua's request: the same body, so the same storage path.
        byte[] body = ("{\"payload\":{\"short_description\":\"Printer is not working\",\"urgency\":3,\"impact\":3,"
                + "\"number\":\"INC00001001\"},\"integrationmode\":\"asynchronous\",\"integrationPartner\":\"Automize\","
                + "\"correlation_id\":\"bench-1\",\"external_action\":\"update\",\"external_reference\":\"INC00001001\","
                + "\"message_type\":\"Inbound Automize Incident\"}").getBytes(StandardCharsets.UTF_8);
        // PostgreSQL's user comes with bench/EmbeddedPg.java's URL.
        try (Database db = new Database(url, postgresql ? "" : "sa", "", 16)) {
            db.migrate();
            MessageStore store = new MessageStore(db.dataSource(), db.dialect(), "store-ceiling", 60000);
            AtomicLong done = new AtomicLong();
            long end = System.nanoTime() + (warmUp + seconds) * 1_000_000_000L;
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
            Thread.sleep(warmUp * 1000);
            long rows0 = done.get();
            long server0 = postgresql ? serverTicks() : 0;
            long self0 = ticks(Path.of("/proc/self/stat"));
            CompletableFuture.allOf(workers).join();
            long rows = done.get() - rows0;
            long server = postgresql ? serverTicks() - server0 : 0;
            long self = ticks(Path.of("/proc/self/stat")) - self0;
            pool.shutdown();
            store.close();
            System.out.printf("store_ceiling_rows_per_s=%.0f%n", rows / (double) seconds);
            if (postgresql) {
                System.out.printf("server_cpu_us_per_row=%.1f%nclient_cpu_us_per_row=%.1f%n", server * 1e4 / rows,
                        self * 1e4 / rows);
            }
        }
    }

    /** CPU ticks (user and system, 10 ms each) of every process named postgres. */
    private static long serverTicks() throws IOException {
        long sum = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try {
                    String stat = Files.readString(process.resolve("stat"));
                    if (stat.contains("(postgres)")) {
                        sum += ticks(process.resolve("stat"));
                    }
                } catch (IOException gone) {
                    // the process ended between the listing and the read
                }
            }
        }
        return sum;
    }

    private static long ticks(Path stat) throws IOException {
        String line = Files.readString(stat);
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
