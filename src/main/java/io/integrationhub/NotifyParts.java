package io.integrationhub;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.integrationhub.notify.Notifications;
import io.integrationhub.notify.WebhookSender;
import io.integrationhub.notify.WebhookSignature;
import io.integrationhub.ops.OncePerCluster;
import io.integrationhub.store.JobLease;
import io.integrationhub.store.NotificationOutbox;
import org.apache.camel.CamelContext;

/**
 * Notifications (SPEC §7): the events, and the sender that works through their outbox on one instance of a cluster
 * at a time, on threads of its own. Off without {@code hub.notify.url}.
 */
final class NotifyParts {

    private static final long SEND_EVERY_MS = 250;

    final Notifications notifications;
    private final CamelContext context;
    private final WebhookSender sender;
    private final JobLease lease;
    private final ExecutorService storing;
    private ScheduledExecutorService sending;

    NotifyParts(CamelContext context, HubSettings settings, StoreParts stores, String instanceId) {
        this.context = context;
        String url = settings.get("hub.notify.url", "").trim();
        if (url.isEmpty()) {
            notifications = Notifications.off();
            sender = null;
            lease = null;
            storing = null;
            return;
        }
        String secret = settings.get("hub.notify.secret", "");
        if (secret.isBlank()) {
            throw new IllegalArgumentException("hub.notify.url is set but hub.notify.secret is not: receivers could "
                    + "not tell the hub's events from anyone's. Set hub.notify.secret (a whsec_… secret, or any text).");
        }
        Set<String> events = Notifications.events(settings.get("hub.notify.events", Notifications.ALL_EVENTS));
        NotificationOutbox outbox = new NotificationOutbox(stores.database.dataSource());
        storing = context.getExecutorServiceManager().newSingleThreadExecutor(this, "notification-store");
        notifications = new Notifications(events, settings.get("hub.public-url", "http://localhost:8080"), outbox,
                storing);
        sender = new WebhookSender(URI.create(url), new WebhookSignature(secret), outbox);
        lease = new JobLease(stores.database.dataSource(), "notifications", instanceId);
    }

    /** Once the store is migrated: events stored before a stop, or by another instance, are sent from now on. */
    void start(long leaseMs) {
        if (sender == null) {
            return;
        }
        sending = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "notifications");
        sending.scheduleWithFixedDelay(new OncePerCluster(lease, leaseMs, List.of(sender)), 0, SEND_EVERY_MS,
                TimeUnit.MILLISECONDS);
    }

    void stop() {
        if (sender == null) {
            return;
        }
        if (sending != null) {
            sending.shutdownNow();
        }
        context.getExecutorServiceManager().shutdownGraceful(storing, 2000);
        try {
            lease.release();
        } catch (RuntimeException e) {
            // the lease runs out by itself
        }
    }
}
