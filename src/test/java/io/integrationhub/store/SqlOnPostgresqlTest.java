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
 * Two statements in one round trip (the intake's key locks and its open-keys look-up): the second reads after the
 * first ran, in the same transaction.
 */
@OnStore(TestStore.POSTGRESQL)
class SqlOnPostgresqlTest {

    @TempDir
    Path data;

    @Test
    void theStatementAfterTheLocksSeesThemHeldAndReturnsItsRows() throws Exception {
        TestStore store = TestStores.selected();
        try (Database database = new Database(store.newUrl(data), store.user(), "", 2);
             Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            List<Long> held = Sql.listAfter(c, "SELECT count(pg_advisory_xact_lock(k)) FROM unnest(?::bigint[]) AS k",
                    "SELECT objid FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() "
                            + "AND objid = ANY(?::bigint[]) ORDER BY objid", row -> row.getLong(1),
                    new Sql.ArrayOf("bigint", new Long[] {7L, 3L}), new Sql.ArrayOf("bigint", new Long[] {3L, 7L, 9L}));
            c.rollback();

            assertThat(held).containsExactly(3L, 7L);
        }
    }
}
