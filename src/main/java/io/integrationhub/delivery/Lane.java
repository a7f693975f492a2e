package io.integrationhub.delivery;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import io.integrationhub.store.Claim;
import io.integrationhub.store.DeliveryQueue;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One target's lane (SPEC §4): its own workers, claiming only its target's messages, so that a slow, hanging or
 * failing target holds only itself. It wakes when a message of its target is stored or a delivery ends, at the time
 * its next message falls due (a retry, a lease running out), and otherwise after a short idle wait for what other
 * instances changed.
 */
final class Lane {

    private static final Logger LOG = LoggerFactory.getLogger(Lane.class);
    private static final long IDLE_WAIT_MS = 500;
    // A worker that delivered a message takes its key's next one with the outcome (one row write, no claim of its
    // own); after this many in a row it goes back to the lane, whose other keys come first by due time.
    private static final int TURNS_IN_A_ROW = 32;

    private final String target;
    private final int concurrency;
    private final int claimBatch;
    private final CamelContext context;
    private final DeliveryQueue queue;
    private final AsynchronousDelivery delivery;
    private final HeldClaims held;
    private final TargetCircuit circuit;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object signal = new Object();
    private boolean signalled;
    private volatile boolean running;
    // Whether the lane's last look found less than it could take. A lane that took all it could looks again as its
    // workers free up: waking it for every message stored or due elsewhere (every commit of every instance) only
    // made it claim one or two at a time, a claim statement and a commit each, and slowed a cluster down.
    private volatile boolean hungry = true;
    private ExecutorService workers;
    private Thread thread;

    Lane(String target, int concurrency, CamelContext context, DeliveryQueue queue, AsynchronousDelivery delivery,
         HeldClaims held, TargetCircuit circuit) {
        this.circuit = circuit;
        // A closed circuit drains the lane at once (SPEC §4).
        circuit.onClosed(this::wakeUp);
        this.target = target;
        this.concurrency = concurrency;
        this.claimBatch = Math.max(1, concurrency / 8);
        this.context = context;
        this.queue = queue;
        this.delivery = delivery;
        this.held = held;
    }

    int concurrency() {
        return concurrency;
    }

    void start(Object owner) {
        workers = context.getExecutorServiceManager().newFixedThreadPool(owner, "delivery-" + target, concurrency);
        running = true;
        thread = new Thread(this::run, "lane-" + target);
        thread.setDaemon(true);
        thread.start();
    }

    void stop() throws InterruptedException {
        running = false;
        wakeUp();
        if (thread != null) {
            thread.join(5000);
        }
        if (workers != null) {
            context.getExecutorServiceManager().shutdownGraceful(workers, 10000);
        }
    }

    /** A message of this lane was stored or came due (here or on another instance): look now if it waits for work. */
    void workArrived() {
        if (hungry) {
            wakeUp();
        }
    }

    /** Something changed in this lane: look now instead of after the wait. */
    void wakeUp() {
        synchronized (signal) {
            signalled = true;
            signal.notifyAll();
        }
    }

    private void run() {
        while (running) {
            long now = System.currentTimeMillis();
            long waitMs = IDLE_WAIT_MS;
            try {
                int free = concurrency - inFlight.get();
                // While the circuit is open or the target limits its rate nothing is claimed: the messages keep
                // their place and spend no attempt. Half-open, one is tried.
                TargetCircuit.Allowance allowed = circuit.allowed(free, now);
                if (allowed.count() > 0) {
                    hungry = true; // before the look: work that arrives during it wakes the lane again
                    List<Claim> claims = List.of();
                    try {
                        claims = queue.claimDue(target, allowed.count(), now);
                    } finally {
                        if (claims.isEmpty()) {
                            circuit.giveBack(allowed); // a half-open try kept by a failed claim would stop the lane
                        }
                    }
                    claims.forEach(claim -> submit(claim, allowed));
                    hungry = claims.size() < allowed.count();
                    if (claims.size() == free) {
                        continue; // there may be more: look again as soon as a worker is free
                    }
                    Long nextDue = claims.size() < allowed.count() ? queue.nextDue(target, now) : null;
                    if (nextDue != null) {
                        waitMs = Math.max(1, Math.min(IDLE_WAIT_MS, nextDue - now));
                    } else if (claims.size() == allowed.count()) {
                        waitMs = Math.min(IDLE_WAIT_MS, circuit.waitMs(now)); // the rate's next permit
                    }
                } else if (free > 0) {
                    waitMs = Math.min(IDLE_WAIT_MS, circuit.waitMs(now));
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not claim messages for {}: {}", target, e.getMessage());
            }
            awaitSignal(waitMs);
        }
    }

    private void submit(Claim claim, TargetCircuit.Allowance allowed) {
        inFlight.incrementAndGet();
        held.hold(claim.messageId());
        try {
            workers.execute(() -> deliverInTurn(claim, allowed));
        } catch (RuntimeException rejected) {
            held.letGo(claim.messageId());
            inFlight.decrementAndGet();
            circuit.giveBack(allowed);
            LOG.warn("Could not start the delivery of message {}: {}", claim.messageId(), rejected.getMessage());
        }
    }

    /**
     * Delivers the claimed message, then the next ones of its key that its outcome claimed for this worker
     * ({@link AsynchronousDelivery#deliver}), at most {@link #TURNS_IN_A_ROW} before the worker goes back to the lane.
     */
    private void deliverInTurn(Claim first, TargetCircuit.Allowance firstAllowed) {
        Claim claim = first;
        TargetCircuit.Allowance allowed = firstAllowed;
        try {
            for (int turn = 1; claim != null; turn++) {
                NextTurn next = new NextTurn(turn < TURNS_IN_A_ROW);
                Claim taken = null;
                try {
                    taken = delivery.deliver(claim, next);
                } catch (RuntimeException e) {
                    // The claim expires and the message is tried again: a failure to record must not lose it, nor
                    // keep the circuit's half-open try.
                    circuit.giveBack(allowed);
                    LOG.error("Delivery of message {} failed unexpectedly: {}", claim.messageId(), e.getMessage());
                } finally {
                    if (taken != null) {
                        held.hold(taken.messageId());
                    } else {
                        next.giveBack();
                    }
                    held.letGo(claim.messageId());
                }
                claim = taken;
                allowed = next.allowance;
            }
        } finally {
            // A claim per finished delivery would cost a store round trip each: the lane looks again once a few
            // workers are free (any that are free when few deliveries run).
            if (concurrency - inFlight.decrementAndGet() >= claimBatch) {
                wakeUp();
            }
        }
    }

    /** Whether a worker may take the next message of its key: the lane runs and its circuit allows one more try. */
    private final class NextTurn implements BooleanSupplier {

        private final boolean mayAsk;
        private TargetCircuit.Allowance allowance = TargetCircuit.Allowance.NONE;

        NextTurn(boolean mayAsk) {
            this.mayAsk = mayAsk;
        }

        @Override
        public boolean getAsBoolean() {
            if (mayAsk && running) {
                allowance = circuit.allowed(1, System.currentTimeMillis());
            }
            return allowance.count() > 0;
        }

        /** The try it was allowed found no message to take. */
        void giveBack() {
            circuit.giveBack(allowance);
            allowance = TargetCircuit.Allowance.NONE;
        }
    }

    private void awaitSignal(long waitMs) {
        synchronized (signal) {
            if (!signalled) {
                try {
                    signal.wait(waitMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            signalled = false;
        }
    }
}
