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
    // Short: after a kill -9, a restarted hub (a new instance id) takes the sending over within this.
    private static final long LEASE_MS = 10_000;

    final Notifications notifications;
    private final CamelContext context;
    private final WebhookSender sender;
    private final JobLease lease;
    private final ExecutorService storing;
    private ScheduledExecutorService sending;

    NotifyParts(CamelContext context, HubSettings settings, StoreParts stores, String instanceId) {
        this.context = context;
        String url = settings.get("hub.notify.url", "").trim();
        URI uri = url.isEmpty() ? null : receiver(url);
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
        long keepMs = (long) (settings.getDouble("hub.retention.days", 30) * 24 * 3600_000L);
        sender = new WebhookSender(uri, signature(secret), outbox, keepMs);
        lease = new JobLease(stores.database.dataSource(), "notifications", instanceId);
    }

    private static URI receiver(String url) {
        try {
            URI uri = new URI(url);
            if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // said below
        }
        throw new IllegalArgumentException("hub.notify.url must be an http:// or https:// URL of the receiver");
    }

    private static WebhookSignature signature(String secret) {
        try {
            return new WebhookSignature(secret);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hub.notify.secret: a whsec_ secret must be followed by its key in "
                    + "base64 (as Standard Webhooks issues them), or use a secret without that prefix");
        }
    }

    /** Once the store is migrated: events stored before a stop, or by another instance, are sent from now on. */
    void start() {
        if (sender == null) {
            return;
        }
        sending = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "notifications");
        sending.scheduleWithFixedDelay(new OncePerCluster(lease, LEASE_MS, List.of(sender)), 0, SEND_EVERY_MS,
                TimeUnit.MILLISECONDS);
    }

    void stop() {
        if (sender == null) {
            return;
        }
        if (sending != null) {
            sender.stop();
            // No interrupt (it would close H2's file mid-write); a try cut short is written back before the store closes
            context.getExecutorServiceManager().shutdownGraceful(sending, 5000);
        }
        context.getExecutorServiceManager().shutdownGraceful(storing, 2000);
        try {
            lease.release();
        } catch (RuntimeException e) {
            // the lease runs out by itself
        }
    }
}
