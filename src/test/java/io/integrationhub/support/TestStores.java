package io.integrationhub.support;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The store of the suite that runs now ({@link OnStore}), and the one embedded PostgreSQL server (real binaries from
 * Maven Central) that gives each PostgreSQL test hub a database of its own.
 */
public final class TestStores {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;
    // static because hubs are built from static helpers; surefire runs the classes one after another
    private static TestStore selected;

    private TestStores() {
    }

    /** The store of the running suite; a test that starts a hub must be one ({@link OnStore}). */
    public static TestStore selected() {
        return Optional.ofNullable(selected).orElseThrow(() -> new IllegalStateException(
                "This test touches the store but names none: make it an abstract suite with an @OnStore(H2) and an"
                        + " @OnStore(POSTGRESQL) subclass, as inbound/CreateMessageTest is"));
    }

    /** The running suite's store, or H2 for a packaged hub an IT starts with settings of its own. */
    public static TestStore selectedOrH2() {
        return selected == null ? TestStore.H2 : selected;
    }

    static String newPostgresqlDatabase() {
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
            } catch (IOException e) {
                throw new IllegalStateException("Embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going anyway
                }
            }));
        }
        return postgres;
    }

    /** Sets the store for the suite's class, from its {@link OnStore}. */
    public static final class Selection implements BeforeAllCallback, AfterAllCallback {

        @Override
        public void beforeAll(ExtensionContext context) {
            selected = context.getRequiredTestClass().getAnnotation(OnStore.class).value();
        }

        @Override
        public void afterAll(ExtensionContext context) {
            selected = null;
        }
    }
}
