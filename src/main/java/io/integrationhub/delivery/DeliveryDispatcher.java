package io.integrationhub.delivery;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import io.integrationhub.store.Claim;
import io.integrationhub.store.DeliveryQueue;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due asynchronous messages and hands them to {@code hub.worker.concurrency} workers. It wakes at once when
 * a message is stored or a delivery ends (the next message of that key may now go), and otherwise looks again after
 * a short idle wait for retries that came due and for claims of other instances whose lease ran out. With a
 * concurrency of 0 the instance only takes messages in and leaves their delivery to the other instances.
 */
public final class DeliveryDispatcher extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryDispatcher.class);
    private static final long IDLE_WAIT_MS = 500;

    private final CamelContext context;
    private final DeliveryQueue queue;
    private final AsynchronousDelivery delivery;
    private final HeldClaims held;
    private final int concurrency;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object signal = new Object();
    private boolean signalled;
    private volatile boolean running;
    private ExecutorService workers;
    private Thread thread;

    public DeliveryDispatcher(CamelContext context, DeliveryQueue queue, AsynchronousDelivery delivery,
                              HeldClaims held, int concurrency) {
        this.context = context;
        this.queue = queue;
        this.delivery = delivery;
        this.held = held;
        this.concurrency = Math.max(0, concurrency);
    }

    /** Something changed in the queue: look now instead of after the idle wait. */
    public void wakeUp() {
        synchronized (signal) {
            signalled = true;
            signal.notifyAll();
        }
    }

    @Override
    protected void doStart() {
        if (concurrency == 0) {
            LOG.info("hub.worker.concurrency is 0: this instance delivers nothing, other instances deliver");
            return;
        }
        workers = context.getExecutorServiceManager().newFixedThreadPool(this, "delivery-worker", concurrency);
        running = true;
        thread = new Thread(this::run, "delivery-dispatcher");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    protected void doStop() throws InterruptedException {
        running = false;
        wakeUp();
        if (thread != null) {
            thread.join(5000);
        }
        if (workers != null) {
            context.getExecutorServiceManager().shutdownGraceful(workers, 10000);
        }
    }

    private void run() {
        while (running) {
            int claimed = 0;
            try {
                int free = concurrency - inFlight.get();
                if (free > 0) {
                    List<Claim> claims = queue.claimDue(free, System.currentTimeMillis());
                    claimed = claims.size();
                    claims.forEach(this::submit);
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not claim messages: {}", e.getMessage());
            }
            if (claimed == 0 || inFlight.get() >= concurrency) {
                awaitSignal();
            }
        }
    }

    private void submit(Claim claim) {
        inFlight.incrementAndGet();
        held.hold(claim.messageId());
        try {
            workers.execute(() -> {
                try {
                    delivery.deliver(claim);
                } catch (RuntimeException e) {
                    // The claim expires and the message is tried again: a failure to record must not lose it.
                    LOG.error("Delivery of message {} failed unexpectedly: {}", claim.messageId(), e.getMessage());
                } finally {
                    held.letGo(claim.messageId());
                    inFlight.decrementAndGet();
                    wakeUp();
                }
            });
        } catch (RuntimeException rejected) {
            held.letGo(claim.messageId());
            inFlight.decrementAndGet();
            LOG.warn("Could not start the delivery of message {}: {}", claim.messageId(), rejected.getMessage());
        }
    }

    private void awaitSignal() {
        synchronized (signal) {
            if (!signalled) {
                try {
                    signal.wait(IDLE_WAIT_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            signalled = false;
        }
    }
}
