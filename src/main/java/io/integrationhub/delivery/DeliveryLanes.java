package io.integrationhub.delivery;

import java.util.LinkedHashMap;
import java.util.Map;

import io.integrationhub.HubSettings;
import io.integrationhub.store.DeliveryQueue;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery of asynchronous messages: one {@link Lane} per target, each with
 * {@code hub.target.<name>.concurrency} workers (default {@code hub.worker.concurrency}). With a concurrency of 0 an
 * instance only takes messages in and leaves their delivery to the other instances.
 */
public final class DeliveryLanes extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLanes.class);

    private final Map<String, Lane> lanes = new LinkedHashMap<>();

    public DeliveryLanes(CamelContext context, HubSettings settings, Iterable<String> targets, DeliveryQueue queue,
                         AsynchronousDelivery delivery, HeldClaims held, TargetCircuits circuits) {
        int concurrency = settings.getInt("hub.worker.concurrency", 8);
        circuits.paused().onResumed(target -> {
            Lane lane = lanes.get(target);
            if (lane != null) {
                lane.wakeUp(); // paused, it took nothing: it looks now whatever it took before
            }
        });
        for (String target : targets) {
            int workers = Math.max(0, settings.getInt("hub.target." + target + ".concurrency", concurrency));
            if (workers > 0) {
                lanes.put(target, new Lane(target, workers, context, queue, delivery, held,
                        circuits.of(target)));
            }
        }
    }

    /** The most workers one lane has. */
    public int largestLane() {
        return lanes.values().stream().mapToInt(Lane::concurrency).max().orElse(0);
    }

    /**
     * A message of this target was stored or came due, here or on another instance: its lane looks now unless it is
     * taking all it can anyway (it looks again as its workers free up).
     */
    public void wakeUp(String target) {
        Lane lane = target == null ? null : lanes.get(target);
        if (lane != null) {
            lane.workArrived();
        }
    }

    /** Messages of any target changed (a replay): every lane looks now. */
    public void wakeUpAll() {
        lanes.values().forEach(Lane::wakeUp);
    }

    @Override
    protected void doStart() {
        if (lanes.isEmpty()) {
            LOG.info("No lane has workers (hub.worker.concurrency is 0): this instance delivers nothing, other "
                    + "instances deliver");
        }
        lanes.values().forEach(lane -> lane.start(this));
    }

    @Override
    protected void doStop() throws InterruptedException {
        for (Lane lane : lanes.values()) {
            lane.stop();
        }
    }
}
