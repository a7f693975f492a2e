package io.integrationhub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The H2 settings the store adds for durability and speed, and that they take effect in a real store. */
class DatabaseTest {

    @TempDir
    Path data;

    @Test
    void anH2FileUrlIsMadeDurableKeepsBodiesInTheRowAndIsClosedByTheHub() {
        assertThat(Database.durableUrl("jdbc:h2:file:./data/hub;WRITE_DELAY=500")).isEqualTo(
                "jdbc:h2:file:./data/hub;WRITE_DELAY=0;MAX_LENGTH_INPLACE_LOB=16384;CACHE_SIZE=4096;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(Database.durableUrl(
                "jdbc:h2:file:./data/hub;max_length_inplace_lob=1024;cache_size=65536;db_close_on_exit=true"))
                .isEqualTo("jdbc:h2:file:./data/hub;max_length_inplace_lob=1024;cache_size=65536;db_close_on_exit=true"
                        + ";WRITE_DELAY=0");
        assertThat(Database.durableUrl("jdbc:h2:mem:test")).isEqualTo("jdbc:h2:mem:test");
        assertThat(Database.durableUrl("jdbc:postgresql://db/hub")).isEqualTo("jdbc:postgresql://db/hub");
    }

    @Test
    void theLatestMigrationIsTheNewestMigrationFile() throws Exception {
        try (var files = java.nio.file.Files.list(Path.of("src/main/resources/db/migration"))) {
            int newest = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
            assertThat(Database.LATEST_MIGRATION).isEqualTo(String.valueOf(newest));
        }
    }

    @Test
    void aStoreIsCurrentOnlyAfterItsMigrationsRan() throws Exception {
        try (Database db = new Database("jdbc:h2:file:" + data.resolve("current"), "sa", "", 2)) {
            assertThat(db.schemaIsCurrent()).isFalse();
            db.migrate();
            assertThat(db.schemaIsCurrent()).isTrue();
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("UPDATE \"flyway_schema_history\" SET \"success\" = FALSE WHERE \"version\" = '"
                        + Database.LATEST_MIGRATION + "'");
            }
            assertThat(db.schemaIsCurrent()).isFalse();
        }
    }

    @Test
    void anH2StoreHandsOutMessageSequenceNumbersFromALargeCache() throws Exception {
        try (Database db = new Database("jdbc:h2:file:" + data.resolve("hub"), "sa", "", 2)) {
            db.migrate();
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS "
                         + "WHERE TABLE_NAME = 'HUB_MESSAGE' AND COLUMN_NAME = 'SEQ'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(100_000L);
            }
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS "
                         + "WHERE SETTING_NAME = 'MAX_LENGTH_INPLACE_LOB'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("16384");
            }
        }
    }
}
