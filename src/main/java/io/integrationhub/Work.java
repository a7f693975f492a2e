package io.integrationhub;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.integrationhub.ops.OncePerCluster;
import io.integrationhub.ops.Retention;
import io.integrationhub.store.DueListener;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's background work once it has started: the lanes' resumption, the claim renewal, the once-per-cluster
 * maintenance, and the hand-over at a clean stop.
 */
final class Work {

    private static final Logger LOG = LoggerFactory.getLogger(Work.class);

    private final CamelContext context;
    private final HubSettings settings;
    private final StoreParts stores;
    private final DeliveryParts delivery;
    private final String instanceId;
    private ScheduledExecutorService renewal;
    private ScheduledExecutorService lanePauses;
    private ScheduledExecutorService instances;

    Work(CamelContext context, HubSettings settings, StoreParts stores, DeliveryParts delivery, String instanceId) {
        this.context = context;
        this.settings = settings;
        this.stores = stores;
        this.delivery = delivery;
        this.instanceId = instanceId;
    }

    /** What was queued or in flight before this start is taken up again; claims held from now on are renewed. */
    void resume(List<String> targets) {
        int open = stores.store.loadKeyOrder(targets);
        if (open > 0) {
            LOG.info("{} asynchronous messages wait in the lanes", open);
        }
        // Paused lanes are read before the lanes start: a lane paused before a restart tries nothing after it.
        delivery.pausedLanes.run();
        // Its own thread: a slow route file reload must not delay a pause set on another instance.
        lanePauses = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "lane-pauses");
        lanePauses.scheduleWithFixedDelay(delivery.pausedLanes, 1000, 1000, TimeUnit.MILLISECONDS);
        int released = stores.queue.releaseAtStart(System.currentTimeMillis());
        if (released > 0) {
            LOG.info("Took over {} messages claimed by the previous run of instance {}", released, instanceId);
        }
        stores.listenForDue(new DueListener.Handlers(delivery.lanes::wakeUp, delivery.lanes::wakeUpAll,
                delivery.pausedLanes, delivery.circuits::answeredElsewhere));
        if (stores.instances != null) {
            // Several hubs on one PostgreSQL share its group commits in flight: counted every 5 s.
            instances = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "store-instances");
            instances.scheduleWithFixedDelay(stores.instances, 0, 5000, TimeUnit.MILLISECONDS);
        }
        long every = stores.heldClaims.renewEveryMs();
        renewal = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "claim-renewal");
        renewal.scheduleWithFixedDelay(stores.heldClaims, every, every, TimeUnit.MILLISECONDS);
    }

    /** Retention and the failing of abandoned synchronous messages, on one instance of the cluster at a time. */
    void scheduleMaintenance(ScheduledExecutorService scheduler) {
        long everyMs = settings.getLong("hub.retention.interval-ms", 60000);
        long leaseMs = settings.getLong("hub.worker.lease-ms", 60000);
        Runnable abandonedSynchronous = () -> {
            int failed = stores.queue.failAbandonedSynchronous(System.currentTimeMillis());
            if (failed > 0) {
                LOG.warn("failed {} synchronous messages whose instance stopped while delivering them", failed);
            }
        };
        OncePerCluster maintenance = new OncePerCluster(stores.maintenanceLease, Math.max(leaseMs, 2 * everyMs),
                List.of(new Retention(stores.messageLog, settings.getDouble("hub.retention.days", 30)),
                        abandonedSynchronous));
        scheduler.scheduleWithFixedDelay(maintenance, 0, everyMs, TimeUnit.MILLISECONDS);
    }

    /** At a stop: the lanes stop, and what this instance held goes to the others now rather than at lease end. */
    void stop() {
        delivery.lanes.stop();
        // Each run ends before the store closes; none is interrupted, as that would close H2's file mid-write.
        Stream.of(renewal, lanePauses, instances).filter(Objects::nonNull)
                .forEach(scheduled -> context.getExecutorServiceManager().shutdownGraceful(scheduled, 5000));
        try {
            int released = stores.queue.releaseOnStop(System.currentTimeMillis());
            if (released > 0) {
                LOG.info("Put {} messages whose delivery the stop cut short back in the queue", released);
            }
            stores.maintenanceLease.release();
        } catch (RuntimeException e) {
            LOG.warn("Could not hand over claims at stop, they are taken over when their lease runs out: {}",
                    e.getMessage());
        }
    }
}
