package io.integrationhub.notify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.integrationhub.store.Notification;
import io.integrationhub.store.NotificationOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox's due events to {@code hub.notify.url}, signed, one at a time, until the receiver answers 2xx:
 * tries after 1 s, then doubling up to 5 minutes, for 3 days. The JDK's own HTTP client on a thread of its own: a
 * slow or failing receiver holds neither a delivery worker nor the connectors' connections. Each try first takes
 * its event in the store, so two senders (a lease handed over mid-run) never send one event at once.
 */
public final class WebhookSender implements Runnable {

    static final long FIRST_RETRY_MS = 1000;
    static final long MAX_RETRY_MS = 5 * 60_000;
    static final long GIVE_UP_AFTER_MS = 3 * 24 * 3600_000L;
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
    private static final int BATCH = 20;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    // Longer than a try can take: an event whose try was cut off (the hub died) is tried again after this.
    private static final long TAKEN_MS = 60_000;
    private static final long RUN_MS = 5_000;
    private static final long PURGE_EVERY_MS = 60_000;

    private final URI url;
    private final WebhookSignature signature;
    private final NotificationOutbox outbox;
    private final long keepMs;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT).build();
    private long lastPurge;
    private volatile boolean stopping;
    private volatile CompletableFuture<?> inFlight;

    /** {@code keepMs}: how long sent and given-up events are kept (the message log's retention). */
    public WebhookSender(URI url, WebhookSignature signature, NotificationOutbox outbox, long keepMs) {
        this.url = url;
        this.signature = signature;
        this.outbox = outbox;
        this.keepMs = keepMs;
    }

    @Override
    public void run() {
        long started = System.currentTimeMillis();
        List<NotificationOutbox.Due> due;
        try {
            purgeNowAndThen(started);
            due = outbox.due(started, BATCH);
        } catch (RuntimeException e) {
            LOG.warn("notifications not read: {}", e.getMessage());
            return;
        }
        for (NotificationOutbox.Due d : due) {
            // A run stays short, so the lease it runs under is renewed in time.
            if (stopping || Thread.currentThread().isInterrupted() || System.currentTimeMillis() - started > RUN_MS) {
                return;
            }
            try {
                if (outbox.take(d.notification(), d.at(), System.currentTimeMillis() + TAKEN_MS)) {
                    send(d.notification());
                }
            } catch (RuntimeException e) {
                LOG.warn("notification id={} not recorded: {}", d.notification().id(), e.getMessage());
            }
        }
    }

    /**
     * At a stop: no further try, and the one in flight is cut short and due again at once. Without interrupting the
     * sender's thread: an interrupt during a write closes H2's file channel and with it the store.
     */
    public void stop() {
        stopping = true;
        CompletableFuture<?> call = inFlight;
        if (call != null) {
            call.cancel(true);
        }
    }

    private void send(Notification n) {
        int attempt = n.attempts() + 1;
        String problem;
        try {
            long timestamp = System.currentTimeMillis() / 1000;
            HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("webhook-id", n.id())
                    .header("webhook-timestamp", String.valueOf(timestamp))
                    .header("webhook-signature", signature.sign(n.id(), timestamp, n.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(n.body())).build();
            CompletableFuture<HttpResponse<Void>> call = client.sendAsync(request,
                    HttpResponse.BodyHandlers.discarding());
            inFlight = call;
            if (stopping) {
                call.cancel(true);
            }
            int status = call.get().statusCode();
            if (status >= 200 && status < 300) {
                outbox.sent(n.id(), attempt, System.currentTimeMillis());
                LOG.info("notified {} id={} attempt={}", n.type(), n.id(), attempt);
                return;
            }
            problem = "the receiver answered HTTP " + status;
        } catch (ExecutionException e) {
            problem = "the receiver could not be reached: " + e.getCause().getClass().getSimpleName();
        } catch (CancellationException | InterruptedException e) {
            cutShort(n, e instanceof InterruptedException);
            return;
        } catch (RuntimeException e) {
            problem = "the request could not be made: " + e.getClass().getSimpleName(); // never the URL or secret
        }
        failed(n, attempt, problem);
    }

    /** A stop cut the try short: due again at once, not after its take runs out. */
    private void cutShort(Notification n, boolean interrupted) {
        try {
            outbox.failed(n.id(), n.attempts(), System.currentTimeMillis(), null);
        } catch (RuntimeException notNow) {
            // it is due again when its take runs out
        }
        if (interrupted) {
            Thread.currentThread().interrupt(); // set again after the write: the pool refuses an interrupted thread
        }
    }

    private void failed(Notification n, int attempt, String problem) {
        long now = System.currentTimeMillis();
        Long next = now - n.createdAt() >= GIVE_UP_AFTER_MS ? null : now + delayAfter(attempt);
        outbox.failed(n.id(), attempt, next, problem);
        if (next == null) {
            LOG.error("notification given up after 3 days type={} id={} attempts={}: {}", n.type(), n.id(),
                    attempt, problem);
        } else {
            LOG.warn("notification not taken type={} id={} attempt={}: {}; next try in {} ms", n.type(), n.id(),
                    attempt, problem, next - now);
        }
    }

    private void purgeNowAndThen(long now) {
        if (now - lastPurge >= PURGE_EVERY_MS) {
            lastPurge = now;
            int purged = outbox.purge(now - keepMs);
            if (purged > 0) {
                LOG.info("retention: {} sent or given-up notifications deleted", purged);
            }
        }
    }

    /** 1 s after the first try, then doubling, at most 5 minutes. */
    static long delayAfter(int attempts) {
        return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS << Math.min(20, attempts - 1));
    }
}
