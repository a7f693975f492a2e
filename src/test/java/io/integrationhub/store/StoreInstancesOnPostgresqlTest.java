package io.integrationhub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;

import io.integrationhub.support.OnStore;
import io.integrationhub.support.TestStore;
import io.integrationhub.support.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hubs on one PostgreSQL share its group commits in flight: each counts the hubs by their connections' application
 * names, takes its share of {@code hub.db.writers}, and takes the whole back once the others have gone.
 */
@OnStore(TestStore.POSTGRESQL)
class StoreInstancesOnPostgresqlTest {

    @TempDir
    Path data;

    @Test
    void hubsOnOneDatabaseShareItsGroupCommitsInFlightAndTakeThemBackWhenTheOthersStop() throws Exception {
        TestStore store = TestStores.selected();
        String url = store.newUrl(data);
        try (Database a = new Database(url, store.user(), "", 2, "hub-a");
             MessageStore messages = migrated(a)) {
            StoreInstances instances = new StoreInstances(a.dataSource(), messages);
            try (Database b = new Database(url, store.user(), "", 2, "hub-b");
                 Database c = new Database(url, store.user(), "", 2, "hub-c");
                 Connection heldByB = b.dataSource().getConnection();
                 Connection heldByC = c.dataSource().getConnection()) {
                countUntil(instances, 3);
                assertThat(messages.writersInFlight()).isEqualTo(1);
            }
            countUntil(instances, 1);
            assertThat(messages.writersInFlight()).isEqualTo(3);
        }
    }

    private static MessageStore migrated(Database database) {
        database.migrate();
        return new MessageStore(database.dataSource(), database.dialect(), "hub-a", 60_000, 3);
    }

    private static void countUntil(StoreInstances instances, int hubs) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            instances.run();
            return instances.counted() == hubs;
        });
    }
}
