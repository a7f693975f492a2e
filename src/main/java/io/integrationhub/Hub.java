package io.integrationhub;

import java.net.InetAddress;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.integrationhub.api.ApiErrorHandling;
import io.integrationhub.delivery.StoredRequestPreview;
import io.integrationhub.inbound.DryRunAnswer;
import io.integrationhub.inbound.IdempotencyCheck;
import io.integrationhub.inbound.InboundRoutes;
import io.integrationhub.inbound.MessageStatusReader;
import io.integrationhub.inbound.MessageTypeCheck;
import io.integrationhub.inbound.ReceiptWriter;
import io.integrationhub.inbound.SynchronousAnswer;
import io.integrationhub.messagetypes.MessageTypeFiles;
import io.integrationhub.ops.HubMetrics;
import io.integrationhub.ops.MessageStory;
import io.integrationhub.ops.OpsApi;
import io.integrationhub.ops.OpsRoutes;
import io.integrationhub.ops.RouteFilesHealthCheck;
import io.integrationhub.ops.RouteMetrics;
import io.integrationhub.ops.StoreHealthCheck;
import io.integrationhub.ops.TargetsApi;
import io.integrationhub.ops.TargetsHealthCheck;
import io.integrationhub.store.Database;
import io.integrationhub.store.MessageStore;
import org.apache.camel.CamelContext;
import org.apache.camel.support.LifecycleStrategySupport;

/**
 * Puts the hub's parts together on a Camel context, room by room: the store, the route files and connectors, delivery,
 * HTTP, then the partner and ops routes ({@link #configure}); then starts the work ({@link #start}).
 */
public final class Hub {

    private final CamelContext context;
    private final HubSettings settings;
    private final String instanceId;
    private StoreParts stores;
    private MessageTypeParts messageTypes;
    private DeliveryParts delivery;
    private NotifyParts notify;
    private HttpParts http;
    private HubMetrics metrics;

    public Hub(CamelContext context) {
        this.context = context;
        this.settings = new HubSettings(context);
        this.instanceId = settings.find("hub.instance.id").orElseGet(Hub::hostAndPid);
    }

    /** Before Camel starts: the store, the components, the Java routes and the HTTP gate. */
    public void configure() throws Exception {
        stores = new StoreParts(context, settings, instanceId, settings.getLong("hub.worker.lease-ms", 60000));
        messageTypes = new MessageTypeParts(context, settings);
        metrics = new HubMetrics(context);
        context.addRoutePolicyFactory(new RouteMetrics());
        SecretRedactor redactor = SecretRedactor.of(context);
        notify = new NotifyParts(context, settings, stores, instanceId);
        delivery = new DeliveryParts(context, settings, stores, messageTypes.mapper, metrics, redactor,
                notify.notifications);
        http = new HttpParts(context, settings, delivery.lanes.largestLane(), metrics::authFailure,
                metrics::partnerAnswer);
        MessageStore store = stores.store;
        context.addRoutes(new ApiErrorHandling());
        context.addRoutes(new InboundRoutes(messageTypes.mapper, new IdempotencyCheck(store),
                new MessageTypeCheck(messageTypes.mapper, store, notify.notifications), new ReceiptWriter(store, delivery.lanes::wakeUp,
                metrics), new SynchronousAnswer(store, delivery.synchronous, metrics),
                new DryRunAnswer(delivery.attempt), new MessageStatusReader(store), http.requestThreads));
        String opsUser = settings.get("hub.admin.user", "admin");
        context.addRoutes(new OpsRoutes(new OpsApi(store, stores.messageLog, redactor, delivery.lanes::wakeUpAll),
                new MessageStory(store, stores.messageLog, redactor,
                        new StoredRequestPreview(messageTypes.mapper, delivery.attempt), opsUser),
                new TargetsApi(delivery.laneStatus, opsUser)));
        context.getRegistry().bind("hub-route-files", new RouteFilesHealthCheck(messageTypes.files));
        context.getRegistry().bind("hub-targets", new TargetsHealthCheck(delivery.laneStatus));
        context.getRegistry().bind("hub-store", new StoreHealthCheck(stores.database, instanceId,
                stores.heldClaims::count, stores.maintenanceLease));
    }

    /**
     * After Camel started: the store's migration is awaited, then the route file watch and the workers start, which
     * resume whatever was queued or in flight, and the gate lets requests in.
     */
    public void start() throws Exception {
        stores.awaitMigration();
        // Loaded into the started context, each file built on its own: a broken one is skipped, not the start. The
        // gate holds requests until start() ends, so none is told that its message type is unknown.
        messageTypes.files.scan();
        ScheduledExecutorService scanner = context.getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "route-file-watch");
        scanner.scheduleWithFixedDelay(messageTypes.files::scan, messageTypes.scanIntervalMs,
                messageTypes.scanIntervalMs, TimeUnit.MILLISECONDS);
        Work work = new Work(context, settings, stores, delivery, instanceId);
        work.resume(DeliveryParts.TARGETS);
        metrics.registerQueueDepth(stores.store);
        metrics.registerStoreInstances(stores.instances, stores.store);
        metrics.registerLanes(delivery.laneStatus);
        work.scheduleMaintenance(scanner);
        notify.start();
        context.addService(delivery.lanes, true, true);
        http.open();
        // Workers and the file watch stop first: a delivery cut off by stopping routes would be mistaken for a failure.
        context.addLifecycleStrategy(LifecycleStrategySupport.adapt(LifecycleStrategySupport.onCamelContextStopping(
                c -> {
                    context.getExecutorServiceManager().shutdownGraceful(scanner, 5000); // see Work.stop
                    work.stop();
                    notify.stop();
                })));
    }

    public Database database() {
        return stores.database;
    }

    public MessageTypeFiles messageTypeFiles() {
        return messageTypes.files;
    }

    private static String hostAndPid() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
