package io.integrationhub.delivery;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.integrationhub.store.DeliveryQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages this instance is delivering right now, asynchronous and synchronous. Their claims are renewed
 * while the delivery runs (SPEC §4: a claim expires unless renewed), so that only the claims of an instance that
 * stopped answering run out and are taken over.
 */
public final class HeldClaims implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(HeldClaims.class);

    private final DeliveryQueue queue;
    private final Set<String> messageIds = ConcurrentHashMap.newKeySet();

    public HeldClaims(DeliveryQueue queue) {
        this.queue = queue;
    }

    public void hold(String messageId) {
        messageIds.add(messageId);
    }

    public void letGo(String messageId) {
        messageIds.remove(messageId);
    }

    public int count() {
        return messageIds.size();
    }

    /** How often to renew: well inside the lease, so that one late renewal does not lose a claim. */
    public long renewEveryMs() {
        return Math.max(100, queue.leaseMs() / 3);
    }

    /** Renews every held claim; scheduled every {@link #renewEveryMs()}. */
    @Override
    public void run() {
        try {
            queue.renew(Set.copyOf(messageIds), System.currentTimeMillis());
        } catch (RuntimeException e) {
            LOG.warn("Could not renew the claims of {} messages: {}", messageIds.size(), e.getMessage());
        }
    }
}
