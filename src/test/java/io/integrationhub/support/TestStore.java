package io.integrationhub.support;

import java.nio.file.Path;

/** The two stores the hub runs on, as a test gets a fresh one of each. */
public enum TestStore {
    H2("sa"),
    POSTGRESQL("postgres");

    private final String user;

    TestStore(String user) {
        this.user = user;
    }

    /** A JDBC URL for a new, empty store: an H2 file under {@code dataDir}, or a new database on the embedded server. */
    public String newUrl(Path dataDir) {
        return this == H2 ? "jdbc:h2:file:" + dataDir.resolve("hub").toAbsolutePath() : TestStores.newPostgresqlDatabase();
    }

    public String user() {
        return user;
    }
}
