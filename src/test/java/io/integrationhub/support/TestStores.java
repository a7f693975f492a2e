package io.integrationhub.support;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The store a test hub runs on: an H2 file by default, or — with {@code -Dhub.test.store=postgresql}, as the second
 * surefire run sets — a fresh database on an embedded PostgreSQL (real binaries from Maven Central).
 */
public final class TestStores {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestStores() {
    }

    public static boolean postgresql() {
        return "postgresql".equals(System.getProperty("hub.test.store"));
    }

    /** A JDBC URL for a new, empty store. */
    public static String newStoreUrl(Path dataDir) {
        if (!postgresql()) {
            return "jdbc:h2:file:" + dataDir.resolve("hub").toAbsolutePath();
        }
        String name = "hub_" + DATABASES.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return server().getJdbcUrl("postgres", name);
    }

    private static synchronized EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (java.io.IOException e) {
                throw new IllegalStateException("Embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (java.io.IOException ignored) {
                    // the JVM is going anyway
                }
            }));
        }
        return postgres;
    }
}
