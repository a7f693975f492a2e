package io.integrationhub;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.integrationhub.delivery.HeldClaims;
import io.integrationhub.store.Database;
import io.integrationhub.store.DeliveryQueue;
import io.integrationhub.store.DueListener;
import io.integrationhub.store.ExternalIdStore;
import io.integrationhub.store.JobLease;
import io.integrationhub.store.MessageLog;
import io.integrationhub.store.MessageStore;
import io.integrationhub.store.StoreInstances;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The store's parts for this instance, closed when Camel stops, after the routes and workers that use them. */
final class StoreParts extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(StoreParts.class);

    final Database database;
    final MessageStore store;
    final DeliveryQueue queue;
    final HeldClaims heldClaims;
    final JobLease maintenanceLease;
    final ExternalIdStore externalIds;
    final MessageLog messageLog;
    /** The hubs on this PostgreSQL, counted every few seconds once started; null on H2 (one process). */
    final StoreInstances instances;
    private final CompletableFuture<Void> migrated;
    private DueListener dueListener;

    StoreParts(CamelContext context, HubSettings settings, String instanceId, long leaseMs) throws Exception {
        database = Database.fromSettings(settings, instanceId);
        // The schema is checked (and on a new store created) while the routes are built and the context starts:
        // nothing reads or writes the store before start(), which waits for it, and the gate holds requests until then.
        migrated = CompletableFuture.runAsync(this::migrate, task -> {
            Thread migration = new Thread(task, "store-migration");
            migration.setDaemon(true);
            migration.start();
        });
        store = new MessageStore(database.dataSource(), database.dialect(), instanceId, leaseMs,
                settings.getInt("hub.db.writers", MessageStore.POSTGRESQL_WRITERS));
        queue = new DeliveryQueue(database.dataSource(), store, database.dialect(), instanceId, leaseMs);
        heldClaims = new HeldClaims(queue);
        maintenanceLease = new JobLease(database.dataSource(), "maintenance", instanceId);
        externalIds = new ExternalIdStore(database.dataSource());
        messageLog = new MessageLog(database.dataSource());
        instances = database.dialect() == Database.Dialect.POSTGRESQL
                ? new StoreInstances(database.dataSource(), store) : null;
        context.addService(this, true, true);
    }

    private void migrate() {
        long started = System.nanoTime();
        int applied = database.migrate();
        LOG.info("Store ready in {} ms: {}", (System.nanoTime() - started) / 1_000_000,
                applied == 0 ? "schema current" : applied + " migrations applied");
    }

    /** Waits for the schema: the store is read and written only after this. */
    void awaitMigration() throws Exception {
        try {
            migrated.join();
        } catch (CompletionException e) {
            // The driver's own words (PostgreSQL's "Connection to host:port refused ...") rather than Flyway's.
            Throwable reason = e.getCause();
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof java.sql.SQLException) {
                    reason = t;
                }
            }
            throw new IllegalStateException("The store at " + database.where() + " cannot be opened: "
                    + reason.getMessage() + " (check hub.db.url, hub.db.user and hub.db.password)", e.getCause());
        }
    }

    /** On PostgreSQL: what other instances make due wakes this instance's lanes at once (LISTEN/NOTIFY). */
    void listenForDue(DueListener.Handlers handlers) {
        if (database.dialect() == Database.Dialect.POSTGRESQL) {
            dueListener = new DueListener(database.dataSource(), handlers);
        }
    }

    @Override
    protected void doStop() {
        if (dueListener != null) {
            dueListener.close();
        }
        store.close();
        database.close();
    }
}
