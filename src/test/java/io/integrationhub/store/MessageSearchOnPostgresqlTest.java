package io.integrationhub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.integrationhub.support.OnStore;
import io.integrationhub.support.TestStore;
import io.integrationhub.support.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ops search for queued messages on PostgreSQL, whose status index leaves queued messages out: it reads the lane
 * index (the open messages) rather than every row the table keeps until retention.
 */
@OnStore(TestStore.POSTGRESQL)
class MessageSearchOnPostgresqlTest {

    @TempDir
    Path data;

    @Test
    void theSearchForQueuedMessagesReadsTheLaneIndexInsteadOfTheWholeTable() throws Exception {
        TestStore store = TestStores.selected();
        try (Database database = new Database(store.newUrl(data), store.user(), "", 2)) {
            database.migrate();
            List<Object> args = new ArrayList<>();
            String where = MessageLog.where(new MessageFilter(MessageStatus.QUEUED, null, null, null, null, null,
                    null), args);
            try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
                // An empty table is cheapest to scan whole: this asks whether any other way exists.
                s.execute("SET enable_seqscan = off");
                String plan = String.join("\n", Sql.list(c, "EXPLAIN SELECT COUNT(*) FROM hub_message" + where,
                        row -> row.getString(1), args.toArray()));
                s.execute("RESET enable_seqscan");

                assertThat(plan).contains("hub_message_lane").doesNotContain("Seq Scan");
            }
        }
    }
}
