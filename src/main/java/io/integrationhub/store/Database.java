package io.integrationhub.store;

import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.integrationhub.HubSettings;
import org.flywaydb.core.Flyway;

/** The hub's store: a pooled connection to H2 (default) or PostgreSQL, its schema migrated at start. */
public final class Database implements AutoCloseable {

    private static final int INPLACE_LOB_BYTES = 16384;
    private static final int CACHE_KB = 4096;
    // H2 writes an identity's sequence state to its metadata every CACHE values (32 by default), a fifth of the
    // insert's time under load. H2 hands seq out from one counter per database, so a larger cache keeps receipt order;
    // a crash only skips numbers. (Not on PostgreSQL: its cache is per connection, which would break the order.)
    private static final String H2_SEQUENCE_CACHE = "ALTER TABLE hub_message ALTER COLUMN seq SET CACHE 100000";

    // V5: the oldest open message of each key is its head, due when it may next be tried.
    private static final String MARK_HEADS_ON_POSTGRESQL = "UPDATE hub_message m SET due_at = CASE WHEN m.status = "
            + "'processing' THEN COALESCE(m.claim_expires_at, 0) ELSE COALESCE(m.next_attempt_at, 0) END "
            + "WHERE m.queue_open = 1 AND NOT EXISTS (SELECT 1 FROM hub_message e WHERE e.partner = m.partner "
            + "AND e.correlation_id = m.correlation_id AND e.queue_open = 1 AND e.seq < m.seq);";

    private static final String UPKEEP_ON_POSTGRESQL = "DROP INDEX hub_message_lane; "
            + "CREATE INDEX hub_message_lane ON hub_message (target, due_at) WHERE due_at IS NOT NULL; "
            + "DROP INDEX hub_message_idempotency; "
            + "CREATE UNIQUE INDEX hub_message_idempotency ON hub_message (partner, idempotency_key) "
            + "WHERE idempotency_key IS NOT NULL; "
            + "ALTER TABLE hub_message SET (autovacuum_vacuum_scale_factor = 0.01, "
            + "autovacuum_vacuum_insert_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02); "
            + "ALTER TABLE hub_attempt SET (autovacuum_vacuum_insert_scale_factor = 0.05);";

    // V13: the indexed text columns compare as bytes.
    private static final String BYTE_ORDER_KEYS_ON_POSTGRESQL = "ALTER TABLE hub_message "
            + "ALTER COLUMN id TYPE VARCHAR(36) COLLATE \"C\", ALTER COLUMN partner TYPE VARCHAR(200) COLLATE \"C\", "
            + "ALTER COLUMN correlation_id TYPE VARCHAR(1000) COLLATE \"C\", "
            + "ALTER COLUMN status TYPE VARCHAR(20) COLLATE \"C\", ALTER COLUMN target TYPE VARCHAR(50) COLLATE \"C\", "
            + "ALTER COLUMN idempotency_key TYPE VARCHAR(1000) COLLATE \"C\"; "
            + "ALTER TABLE hub_attempt ALTER COLUMN message_id TYPE VARCHAR(36) COLLATE \"C\"; "
            + "ALTER TABLE hub_revision ALTER COLUMN message_id TYPE VARCHAR(36) COLLATE \"C\"; "
            + "ALTER TABLE hub_external_id ALTER COLUMN partner TYPE VARCHAR(200) COLLATE \"C\", "
            + "ALTER COLUMN correlation_id TYPE VARCHAR(1000) COLLATE \"C\", "
            + "ALTER COLUMN target TYPE VARCHAR(50) COLLATE \"C\";";

    // V14: queued messages (every new one) are not in the status index.
    private static final String STATUS_INDEX_ON_POSTGRESQL = "DROP INDEX hub_message_status; "
            + "CREATE INDEX hub_message_status ON hub_message (status, received_at) WHERE status <> 'queued';";

    /** The version of the newest file in db/migration; DatabaseTest checks that it is. */
    static final String LATEST_MIGRATION = "14";

    public static final String DEFAULT_URL = "jdbc:h2:file:./data/hub;WRITE_DELAY=0";

    private final HikariDataSource dataSource;
    private final Dialect dialect;

    public Database(String url, String user, String password, int poolSize) {
        this(url, user, password, poolSize, null);
    }

    /** {@code instanceId}, when given, names the connections on PostgreSQL ({@link StoreInstances}). */
    public Database(String url, String user, String password, int poolSize, String instanceId) {
        this.dialect = Dialect.of(url);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(durableUrl(url));
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("hub-store");
        // A store that is down must answer 503 quickly rather than hold the partner for Hikari's default 30 s.
        config.setConnectionTimeout(3000);
        config.setInitializationFailTimeout(-1);
        config.setExceptionOverrideClassName(BrokenConnections.class.getName());
        if (dialect == Dialect.POSTGRESQL) {
            // A group commit's new messages go as multi-row INSERTs: one round trip for many rows.
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
            if (instanceId != null) {
                config.addDataSourceProperty("ApplicationName", StoreInstances.applicationName(instanceId));
            }
        }
        this.dataSource = new HikariDataSource(config);
    }

    /** The store's URL as ops may read it: without its parameters (a URL may carry a password there). */
    public String where() {
        return dataSource.getJdbcUrl().replaceAll("[;?].*$", "");
    }

    public static Database fromSettings(HubSettings settings, String instanceId) {
        return new Database(settings.get("hub.db.url", DEFAULT_URL), settings.get("hub.db.user", ""),
                settings.get("hub.db.password", ""), settings.getInt("hub.db.pool-size", 24), instanceId);
    }

    /**
     * SPEC §2: H2's write delay loses acknowledged commits on kill -9, so an H2 file URL always gets WRITE_DELAY=0;
     * and MAX_LENGTH_INPLACE_LOB, CACHE_SIZE and DB_CLOSE_ON_EXIT unless the URL sets its own.
     */
    static String durableUrl(String url) {
        boolean h2File = url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:")
                && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:");
        if (!h2File) {
            return url;
        }
        String durable = url.replaceAll("(?i);WRITE_DELAY=[^;]*", "") + ";WRITE_DELAY=0";
        String upper = durable.toUpperCase(java.util.Locale.ROOT);
        // H2 keeps a BLOB longer than 256 bytes in its separate LOB store (three more maps written per insert); a
        // partner's message is mostly a few hundred bytes to a few KB, so keep those in the row.
        if (!upper.contains(";MAX_LENGTH_INPLACE_LOB=")) {
            durable += ";MAX_LENGTH_INPLACE_LOB=" + INPLACE_LOB_BYTES;
        }
        // H2's page cache (16 MB by default) is filled again and again with the pages each commit writes: at the
        // young GC they are live and copied, then promoted and dead. 4 MB holds what ingest and delivery read again
        // (the tables' newest pages, the queue's front) and took ingest from 6,357-6,973 to 7,952-9,504 requests/s
        // (p99 29 -> 19-22 ms) and delivery from 329-379 to 289-313 us of CPU each, back to back.
        if (!upper.contains(";CACHE_SIZE=")) {
            durable += ";CACHE_SIZE=" + CACHE_KB;
        }
        // H2's own shutdown hook closed the store on SIGTERM while Camel was still stopping: outcomes of deliveries
        // under way and the hand-over of claims failed. The hub closes the store itself, after its workers.
        if (!upper.contains(";DB_CLOSE_ON_EXIT=")) {
            durable += ";DB_CLOSE_ON_EXIT=FALSE";
        }
        return durable;
    }

    /** Brings the schema to this build's; returns how many migrations that took. */
    public int migrate() {
        int applied = 0;
        if (!schemaIsCurrent()) {
            applied = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .placeholders(Map.of("binary", dialect.binaryType(), "text", dialect.textType(),
                            "postgresql_status_index", dialect == Dialect.H2 ? "" : STATUS_INDEX_ON_POSTGRESQL,
                            "drop_key_index_on_h2", dialect == Dialect.H2 ? "DROP INDEX hub_message_key;" : "",
                            "mark_heads", dialect == Dialect.H2 ? "" : MARK_HEADS_ON_POSTGRESQL,
                            "postgresql_upkeep", dialect == Dialect.H2 ? "" : UPKEEP_ON_POSTGRESQL,
                            "postgresql_byte_order_keys", dialect == Dialect.H2 ? "" : BYTE_ORDER_KEYS_ON_POSTGRESQL))
                    .load()
                    .migrate().migrationsExecuted;
        }
        if (dialect == Dialect.H2) {
            try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
                s.execute(H2_SEQUENCE_CACHE);
            } catch (java.sql.SQLException e) {
                throw new StoreUnavailableException("Could not set the message sequence's cache: " + e.getMessage(), e);
            }
        }
        return applied;
    }

    /**
     * Whether the last migration Flyway applied to this store is {@link #LATEST_MIGRATION} and it succeeded. Then
     * Flyway is not started: scanning the jar for migrations and validating them was a fifth of the time to the first
     * answer, for a store that has nothing to migrate. Any other state (a new store, a failed or an unknown migration)
     * goes through Flyway, which migrates or says what is wrong.
     */
    boolean schemaIsCurrent() {
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT \"version\", \"success\" FROM \"flyway_schema_history\" "
                     + "ORDER BY \"installed_rank\" DESC FETCH FIRST 1 ROWS ONLY")) {
            return rs.next() && LATEST_MIGRATION.equals(rs.getString(1)) && rs.getBoolean(2);
        } catch (java.sql.SQLException noHistoryYet) {
            return false;
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Whether a connection to the store can be had and answers, within 2 s. */
    public boolean isReachable() {
        try (java.sql.Connection c = dataSource().getConnection()) {
            return c.isValid(2);
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /** What differs between the two databases the hub runs on. */
    public enum Dialect {
        H2("BLOB", "CLOB"),
        POSTGRESQL("BYTEA", "TEXT");

        private final String binaryType;
        private final String textType;

        Dialect(String binaryType, String textType) {
            this.binaryType = binaryType;
            this.textType = textType;
        }

        static Dialect of(String url) {
            if (url.startsWith("jdbc:postgresql:")) {
                return POSTGRESQL;
            }
            if (url.startsWith("jdbc:h2:")) {
                return H2;
            }
            throw new IllegalArgumentException("hub.db.url must be a jdbc:h2: or jdbc:postgresql: URL");
        }

        String binaryType() {
            return binaryType;
        }

        String textType() {
            return textType;
        }
    }
}
