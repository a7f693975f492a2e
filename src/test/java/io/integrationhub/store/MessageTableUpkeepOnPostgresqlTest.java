package io.integrationhub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import io.integrationhub.support.OnStore;
import io.integrationhub.support.TestStore;
import io.integrationhub.support.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The message table's autovacuum settings after the migrations: vacuumed for its dead row versions after 1% of its
 * rows changed (V9), never for inserts alone (V15), analysed after 10% (V15).
 */
@OnStore(TestStore.POSTGRESQL)
class MessageTableUpkeepOnPostgresqlTest {

    @TempDir
    Path data;

    @Test
    void theMessageTableIsVacuumedForDeadRowsOnlyAndAnalysedAtTheDefaultShare() throws Exception {
        TestStore store = TestStores.selected();
        try (Database database = new Database(store.newUrl(data), store.user(), "", 2)) {
            database.migrate();
            try (Connection c = database.dataSource().getConnection()) {
                List<String> options = Sql.list(c, "SELECT unnest(reloptions) FROM pg_class WHERE relname = ?",
                        row -> row.getString(1), "hub_message");

                assertThat(options).containsExactlyInAnyOrder("autovacuum_vacuum_scale_factor=0.01",
                        "autovacuum_vacuum_insert_threshold=-1", "autovacuum_analyze_scale_factor=0.1");
            }
        }
    }
}
