package io.integrationhub.ops;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import io.integrationhub.store.MessageStatus;
import io.integrationhub.store.MessageStore;
import io.integrationhub.store.StoreInstances;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.CamelContext;

/**
 * The hub's own metrics beside Camel's route metrics, on the registry camel-micrometer-prometheus serves
 * (SPEC §7). Label values are bounded: partners are authenticated ids and message types are served types, counted
 * only once a message was accepted; targets and outcomes are fixed sets.
 */
public final class HubMetrics {

    /** Outcomes of a delivery attempt, the values of hub_deliveries_total's outcome label. */
    public static final String DELIVERED = "delivered";
    public static final String RETRY = "retry";
    public static final String DEAD = "dead";
    public static final String FAILED = "failed";

    private static final long DEPTH_CACHE_MS = 2000;

    private final CamelContext context;
    private volatile MeterRegistry registry;
    private final AtomicReference<Depth> depth = new AtomicReference<>(new Depth(0, Map.of()));
    // The counters by name and labels: Micrometer's builder allocates its tags and looks the meter up in the
    // registry on every register(), which cost as much as the counting on the hot path.
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> deliveryTimers = new ConcurrentHashMap<>();

    private record Depth(long at, Map<String, Long> byStatus) {
    }

    private final Counter[] answers = new Counter[600];

    public HubMetrics(CamelContext context) {
        this.context = context;
    }

    /** A login that failed, by realm (partner or ops): a burst of these is someone guessing secrets. */
    public void authFailure(String realm) {
        MeterRegistry r = registry();
        if (r != null) {
            counter(r, "hub.auth.failures", "Failed logins to the partner API and the ops API", "realm", realm)
                    .increment();
        }
    }

    /**
     * An answer of the partner API, by HTTP status (hub_inbound_answers_total): 5xx there means partners are refused
     * (the store is down, a synchronous target failed). Counters kept by status: no map look-up per request.
     */
    public void partnerAnswer(int status) {
        if (status < 100 || status > 599) {
            return;
        }
        Counter c = answers[status];
        if (c == null) {
            MeterRegistry r = registry();
            if (r == null) {
                return;
            }
            c = counter(r, "hub.inbound.answers", "Answers of the partner API by HTTP status", "status",
                    String.valueOf(status));
            answers[status] = c;
        }
        c.increment();
    }

    /** A message accepted from a partner (202 stored, or stored and delivered synchronously). */
    public void received(String partner, String messageType, String mode) {
        MeterRegistry r = registry();
        if (r != null) {
            counter(r, "hub.messages.received", "Messages accepted from partners", "partner", partner,
                    "message_type", messageType, "mode", mode).increment();
        }
    }

    /** One delivery attempt and how long the target took. */
    public void delivery(String target, String outcome, Duration took) {
        MeterRegistry r = registry();
        if (r != null && target != null) {
            counter(r, "hub.deliveries", "Delivery attempts by target and outcome", "target", target,
                    "outcome", outcome).increment();
            deliveryTimers.computeIfAbsent(target, t -> Timer.builder("hub.delivery")
                    .description("Time a delivery attempt took, target call included").tag("target", t)
                    .register(r)).record(took);
        }
    }

    /** Registers hub_queue_depth{status}, read from the store at most every 2 s however often it is scraped. */
    public void registerQueueDepth(MessageStore store) {
        MeterRegistry r = registry();
        if (r == null) {
            return;
        }
        for (String status : new String[] {MessageStatus.QUEUED, MessageStatus.PROCESSING, MessageStatus.RETRYING,
            MessageStatus.DEAD, MessageStatus.FAILED}) {
            Gauge.builder("hub.queue.depth", () -> depth(store).getOrDefault(status, 0L))
                    .description("Messages in the store by status (processed ones are not counted)")
                    .tag("status", status).register(r);
        }
    }

    /**
     * Registers hub_store_instances (the hubs on this PostgreSQL, this one included) and hub_store_writers (the
     * group commits this hub keeps in flight, its share of hub.db.writers), as counted at the last look.
     */
    public void registerStoreInstances(StoreInstances instances, MessageStore store) {
        MeterRegistry r = registry();
        if (r == null || instances == null) {
            return;
        }
        Gauge.builder("hub.store.instances", instances::counted)
                .description("Hubs counted on the store (PostgreSQL), this one included").register(r);
        Gauge.builder("hub.store.writers", store::writersInFlight)
                .description("Group commits this hub keeps in flight: its share of hub.db.writers").register(r);
    }

    /**
     * Registers per lane hub_target_up{target} (1 while its circuit is closed, 0 while open, half-open or paused),
     * hub_lane_waiting{target} and hub_lane_oldest_seconds{target} (SPEC §7).
     */
    public void registerLanes(Lanes lanes) {
        MeterRegistry r = registry();
        if (r == null) {
            return;
        }
        for (Lanes.Lane lane : lanes.all()) {
            String target = lane.target();
            Gauge.builder("hub.target.up", () -> "closed".equals(lanes.of(target).state()) ? 1 : 0)
                    .description("1 while the target's circuit is closed, 0 while it is open, half-open or paused")
                    .tag("target", target).register(r);
            Gauge.builder("hub.lane.waiting", () -> lanes.of(target).waiting())
                    .description("The target's asynchronous messages waiting: queued or retrying")
                    .tag("target", target).register(r);
            Gauge.builder("hub.lane.oldest.seconds", () -> {
                Long oldest = lanes.of(target).oldestWaitingAt();
                return oldest == null ? 0 : Math.max(0, System.currentTimeMillis() - oldest) / 1000.0;
            }).description("Seconds since the target's oldest waiting message was received, 0 when none waits")
                    .tag("target", target).register(r);
        }
    }

    private Map<String, Long> depth(MessageStore store) {
        Depth current = depth.get();
        long now = System.currentTimeMillis();
        if (now - current.at() > DEPTH_CACHE_MS) {
            try {
                current = new Depth(now, store.countOpenAndFinished());
            } catch (RuntimeException storeDown) {
                current = new Depth(now, current.byStatus());
            }
            depth.set(current);
        }
        return current.byStatus();
    }

    /** The counter {@code name} with these labels ({@code tags}: label, value, label, value, ...). */
    private Counter counter(MeterRegistry r, String name, String description, String... tags) {
        String[] key = new String[tags.length + 1];
        key[0] = name;
        System.arraycopy(tags, 0, key, 1, tags.length);
        return counters.computeIfAbsent(List.of(key), k -> Counter.builder(name).description(description).tags(tags)
                .register(r));
    }

    // The registry is bound once Camel's metrics service starts, after the hub's parts are built.
    private MeterRegistry registry() {
        MeterRegistry r = registry;
        if (r == null) {
            r = context.getRegistry().findSingleByType(MeterRegistry.class);
            registry = r;
        }
        return r;
    }
}
