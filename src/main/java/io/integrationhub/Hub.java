package io.integrationhub;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhub.SecretRedactor;
import io.integrationhub.api.ApiErrorHandling;
import io.integrationhub.api.HttpGate;
import io.integrationhub.api.HubHttpEngine;
import io.integrationhub.api.PartnerDirectory;
import io.integrationhub.connectors.ConnectorFields;
import io.integrationhub.connectors.ItxConnector;
import io.integrationhub.connectors.SuperOfficeConnector;
import io.integrationhub.connectors.TicketingConnector;
import io.integrationhub.connectors.WebexConnector;
import io.integrationhub.delivery.AsynchronousDelivery;
import io.integrationhub.delivery.DeliveryAttempt;
import io.integrationhub.delivery.DeliveryLanes;
import io.integrationhub.delivery.HeldClaims;
import io.integrationhub.delivery.LaneStatus;
import io.integrationhub.delivery.PausedLanes;
import io.integrationhub.delivery.RetryPolicy;
import io.integrationhub.delivery.SynchronousDelivery;
import io.integrationhub.delivery.TargetCircuits;
import io.integrationhub.inbound.DryRunAnswer;
import io.integrationhub.inbound.IdempotencyCheck;
import io.integrationhub.inbound.InboundRoutes;
import io.integrationhub.inbound.MessageStatusReader;
import io.integrationhub.inbound.MessageTypeCheck;
import io.integrationhub.inbound.ReceiptWriter;
import io.integrationhub.inbound.SynchronousAnswer;
import io.integrationhub.messagetypes.ConnectorComponent;
import io.integrationhub.messagetypes.FieldComponent;
import io.integrationhub.messagetypes.FieldMapper;
import io.integrationhub.messagetypes.MessageTypeComponent;
import io.integrationhub.messagetypes.MessageTypeFiles;
import io.integrationhub.messagetypes.MessageTypeRegistry;
import io.integrationhub.ops.HubMetrics;
import io.integrationhub.ops.OncePerCluster;
import io.integrationhub.ops.OpsApi;
import io.integrationhub.ops.OpsRoutes;
import io.integrationhub.ops.Retention;
import io.integrationhub.ops.RouteFilesHealthCheck;
import io.integrationhub.ops.RouteMetrics;
import io.integrationhub.ops.StoreHealthCheck;
import io.integrationhub.ops.TargetsApi;
import io.integrationhub.ops.TargetsHealthCheck;
import io.integrationhub.store.Database;
import io.integrationhub.store.DeliveryQueue;
import io.integrationhub.store.ExternalIdStore;
import io.integrationhub.store.JobLease;
import io.integrationhub.store.LanePauses;
import io.integrationhub.store.MessageLog;
import io.integrationhub.store.MessageStore;
import io.vertx.core.VertxOptions;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.platform.http.PlatformHttpConstants;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.support.LifecycleStrategySupport;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Puts the hub's parts together on a Camel context: the store, the routes, the gate, the workers. */
public final class Hub {

    private static final Logger LOG = LoggerFactory.getLogger(Hub.class);
    private static final long ROUTE_FILE_SCAN_MS = 2000;
    /** Requests waiting for a request thread beyond this are answered 503 (ApiErrorHandling). */
    private static final int REQUEST_QUEUE = 10_000;
    /** The targets, one connector and one delivery lane each. */
    public static final List<String> TARGETS = List.of(TicketingConnector.NAME, SuperOfficeConnector.NAME,
            ItxConnector.NAME, WebexConnector.NAME);

    private final CamelContext context;
    private final HubSettings settings;
    private Database database;
    private MessageStore store;
    private MessageTypeFiles messageTypeFiles;
    private DeliveryLanes lanes;
    private TargetCircuits circuits;
    private PausedLanes pausedLanes;
    private LaneStatus laneStatus;
    private DeliveryQueue queue;
    private HeldClaims heldClaims;
    private JobLease maintenanceLease;
    private HubMetrics metrics;
    private MessageLog messageLog;
    private String instanceId;
    private long leaseMs;
    private HttpGate gate;
    private CompletableFuture<Void> migrated;

    public Hub(CamelContext context) {
        this.context = context;
        this.settings = new HubSettings(context);
    }

    /** Before Camel starts: the store, the components, the Java routes and the HTTP gate. */
    public void configure() throws Exception {
        instanceId = configuredInstanceId();
        leaseMs = settings.getLong("hub.worker.lease-ms", 60000);
        database = Database.fromSettings(settings);
        // The schema is checked (and on a new store created) while the routes are built and the context starts:
        // nothing reads or writes the store before start(), which waits for it, and the gate holds requests until then.
        migrated = CompletableFuture.runAsync(() -> {
            long started = System.nanoTime();
            int applied = database.migrate();
            LOG.info("Store ready in {} ms: {}", (System.nanoTime() - started) / 1_000_000,
                    applied == 0 ? "schema current" : applied + " migrations applied");
        }, task -> {
            Thread migration = new Thread(task, "store-migration");
            migration.setDaemon(true);
            migration.start();
        });
        store = new MessageStore(database.dataSource(), database.dialect(), instanceId, leaseMs);
        queue = new DeliveryQueue(database.dataSource(), store, database.dialect(), instanceId, leaseMs);
        heldClaims = new HeldClaims(queue);
        maintenanceLease = new JobLease(database.dataSource(), "maintenance", instanceId);
        context.addService(new Closer(database, store), true, true);
        ExternalIdStore externalIds = new ExternalIdStore(database.dataSource());

        // Each connector, and what its target demands of the mapped fields beyond the field map.
        Map<String, Consumer<Map<String, JsonNode>>> connectorChecks = Map.of(
                TicketingConnector.NAME, TicketingConnector.fieldCheck(settings),
                SuperOfficeConnector.NAME, fields -> { },
                ItxConnector.NAME, ItxConnector::checkFields,
                WebexConnector.NAME, WebexConnector::checkFields);
        MessageTypeRegistry registry = new MessageTypeRegistry();
        context.addComponent(MessageTypeComponent.SCHEME, new MessageTypeComponent(registry, connectorChecks.keySet()));
        context.addComponent(FieldComponent.SCHEME,
                new FieldComponent(java.time.ZoneId.of(settings.get("hub.time-zone", "UTC"))));
        context.addComponent(ConnectorComponent.SCHEME, new ConnectorComponent(connectorChecks.keySet()));
        FieldMapper mapper = new FieldMapper(context, registry, connectorChecks);

        metrics = new HubMetrics(context);
        context.addRoutePolicyFactory(new RouteMetrics());
        SecretRedactor redactor = SecretRedactor.of(context);
        DeliveryAttempt attempt = new DeliveryAttempt(context, externalIds, redactor);
        pausedLanes = new PausedLanes(new LanePauses(database.dataSource()));
        circuits = new TargetCircuits(settings, TARGETS, pausedLanes);
        lanes = new DeliveryLanes(context, settings, TARGETS, queue,
                new AsynchronousDelivery(context, store, mapper, attempt, RetryPolicy.of(settings), metrics, circuits),
                heldClaims, circuits);

        // CreateMessage runs on the event loop (HubHttpEngine); what may wait there goes on on a request thread: a
        // synchronous delivery, an Idempotency-Key's store read. The other API routes run on Vert.x's worker threads,
        // as platform-http runs them. Both bound before the context starts: platform-http looks its engine up first,
        // and creates its Vert.x from these options when its server starts.
        int requestThreads = settings.getInt("hub.http.worker-threads", 128);
        context.getRegistry().bind("vertxOptions", new VertxOptions().setWorkerPoolSize(requestThreads));
        context.getRegistry().bind(PlatformHttpConstants.PLATFORM_HTTP_ENGINE_NAME,
                new HubHttpEngine(Set.of(HttpGate.CREATE_MESSAGE, HttpGate.TYPED_CREATE_MESSAGE,
                        HttpGate.PAYLOAD_MESSAGE)));
        ThreadPoolProfile requestPool = new ThreadPoolProfileBuilder("hub-request").poolSize(requestThreads)
                .maxPoolSize(requestThreads).maxQueueSize(REQUEST_QUEUE).rejectedPolicy(ThreadPoolRejectedPolicy.Abort)
                .build();
        ExecutorService requestExecutor = context.getExecutorServiceManager()
                .newThreadPool(this, "hub-request", requestPool);
        // Every asynchronous worker and every request thread (a synchronous delivery) may call one target at once:
        // camel-http's default of 20 pooled connections per target would make the rest wait for a connection.
        int connectionsPerTarget = Math.max(20, lanes.largestLane() + requestThreads);
        for (String scheme : List.of("http", "https")) {
            HttpComponent http = context.getComponent(scheme, HttpComponent.class);
            http.setConnectionsPerRoute(connectionsPerTarget);
            http.setMaxTotalConnections(Math.max(200, 4 * connectionsPerTarget));
            // The hub decides about retries (SPEC §4): HttpClient must not retry 429/503 on its own, nor follow a
            // redirect to another host, nor carry cookies from one partner's message to the next.
            http.setAutomaticRetriesDisabled(true);
            http.setRedirectHandlingDisabled(true);
            http.setCookieManagementDisabled(true);
        }
        context.addRoutes(new TicketingConnector(settings));
        context.addRoutes(new SuperOfficeConnector(settings));
        context.addRoutes(new ItxConnector(settings));
        context.addRoutes(new WebexConnector(settings));
        context.addRoutes(new ApiErrorHandling());
        context.addRoutes(new InboundRoutes(mapper, new IdempotencyCheck(store),
                new MessageTypeCheck(mapper, store),
                new ReceiptWriter(store, lanes::wakeUp, metrics),
                new SynchronousAnswer(store, new SynchronousDelivery(store, attempt, heldClaims, metrics, circuits), metrics),
                new DryRunAnswer(attempt),
                new MessageStatusReader(store), requestExecutor));
        messageLog = new MessageLog(database.dataSource());
        laneStatus = new LaneStatus(circuits, messageLog);
        context.addRoutes(new OpsRoutes(new OpsApi(store, messageLog, redactor, lanes::wakeUpAll),
                new TargetsApi(laneStatus, settings.get("hub.admin.user", "admin"))));
        // Started with the context's services, after the HTTP server and before the routes take requests.
        context.addService(new ServiceSupport() {
            @Override
            protected void doStart() {
                installGate();
            }
        });
        messageTypeFiles = new MessageTypeFiles(context,
                Path.of(settings.get("hub.routes.directory", "routes/message-types")), ConnectorFields.all());
        context.getRegistry().bind("hub-route-files", new RouteFilesHealthCheck(messageTypeFiles));
        context.getRegistry().bind("hub-targets", new TargetsHealthCheck(laneStatus));
        context.getRegistry().bind("hub-store", new StoreHealthCheck(store, database.dialect(), instanceId,
                heldClaims::count, maintenanceLease));
    }

    /**
     * After Camel started: the store's migration is awaited, then the route file watch and the workers start, which
     * resume whatever was queued or in flight, and the gate lets requests in.
     */
    public void start() throws Exception {
        try {
            migrated.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        // Loaded into the started context, each file built on its own: a broken one is skipped, not the start. The
        // gate holds requests until start() ends, so none is told that its message type is unknown.
        messageTypeFiles.scan();
        ScheduledExecutorService scanner = context.getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "route-file-watch");
        scanner.scheduleWithFixedDelay(messageTypeFiles::scan, ROUTE_FILE_SCAN_MS, ROUTE_FILE_SCAN_MS,
                TimeUnit.MILLISECONDS);
        int open = store.loadKeyOrder(TARGETS);
        if (open > 0) {
            LOG.info("{} asynchronous messages wait in the lanes", open);
        }
        // Paused lanes are read before the lanes start: a lane paused before a restart tries nothing after it.
        pausedLanes.run();
        // Its own thread: a slow route file reload must not delay a pause set on another instance.
        context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "lane-pauses")
                .scheduleWithFixedDelay(pausedLanes, 1000, 1000, TimeUnit.MILLISECONDS);
        int released = queue.releaseAtStart(System.currentTimeMillis());
        if (released > 0) {
            LOG.info("Took over {} messages claimed by the previous run of instance {}", released, instanceId);
        }
        metrics.registerQueueDepth(store);
        metrics.registerLanes(laneStatus);
        ScheduledExecutorService renewal = context.getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "claim-renewal");
        renewal.scheduleWithFixedDelay(heldClaims, heldClaims.renewEveryMs(), heldClaims.renewEveryMs(),
                TimeUnit.MILLISECONDS);
        long maintenanceEveryMs = settings.getLong("hub.retention.interval-ms", 60000);
        Runnable abandonedSynchronous = () -> {
            int failed = queue.failAbandonedSynchronous(System.currentTimeMillis());
            if (failed > 0) {
                LOG.warn("failed {} synchronous messages whose instance stopped while delivering them", failed);
            }
        };
        OncePerCluster maintenance = new OncePerCluster(maintenanceLease, Math.max(leaseMs, 2 * maintenanceEveryMs),
                List.of(new Retention(messageLog, settings.getDouble("hub.retention.days", 30)), abandonedSynchronous));
        scanner.scheduleWithFixedDelay(maintenance, 0, maintenanceEveryMs, TimeUnit.MILLISECONDS);
        context.addService(lanes, true, true);
        gate.open();
        // Workers and the file watch stop first: a delivery cut off by stopping routes would be mistaken for a failure.
        context.addLifecycleStrategy(LifecycleStrategySupport.adapt(LifecycleStrategySupport.onCamelContextStopping(
                c -> {
                    scanner.shutdownNow();
                    lanes.stop();
                    renewal.shutdownNow();
                    handOver();
                })));
    }

    /** On a clean stop: what this instance held goes to the others now rather than when its leases run out. */
    private void handOver() {
        try {
            int released = queue.releaseOnStop(System.currentTimeMillis());
            if (released > 0) {
                LOG.info("Put {} messages whose delivery the stop cut short back in the queue", released);
            }
            maintenanceLease.release();
        } catch (RuntimeException e) {
            LOG.warn("Could not hand over claims at stop, they are taken over when their lease runs out: {}",
                    e.getMessage());
        }
    }

    public MessageStore store() {
        return store;
    }

    public Database database() {
        return database;
    }

    public MessageTypeFiles messageTypeFiles() {
        return messageTypeFiles;
    }

    private void installGate() {
        PartnerDirectory partners = partners();
        int port = settings.getInt("camel.server.port", 8080);
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context,
                VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            router = VertxPlatformHttpRouter.lookup(context);
        }
        if (router == null) {
            throw new IllegalStateException("The HTTP server is not running: set camel.server.enabled=true");
        }
        gate = new HttpGate(partners, settings.getLong("hub.http.max-body-bytes", 10485760L),
                metrics::authFailure);
        router.route().order(-1000).handler(gate).failureHandler(gate::failure);
        // SPEC §3: a path no route serves gets the hub's error body, not Vert.x's HTML page.
        router.route().last().handler(gate::notFound);
        LOG.info("Partners allowed to post: {}", partners.partnerIds());
    }

    private PartnerDirectory partners() {
        Properties all = context.getPropertiesComponent().loadProperties(k -> k.startsWith("hub.partner."));
        Set<String> keys = new java.util.TreeSet<>(all.stringPropertyNames());
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("hub.partner."))
                .forEach(keys::add);
        return PartnerDirectory.from(keys, System.getenv().keySet(), settings::find,
                settings.get("hub.admin.user", "admin"), settings.get("hub.admin.password", "admin-secret"));
    }

    private String configuredInstanceId() {
        return settings.find("hub.instance.id").orElseGet(() -> {
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "localhost";
            }
            return host + "-" + ProcessHandle.current().pid();
        });
    }

    /** Closes the store when Camel stops, after the routes and workers that use it. */
    private static final class Closer extends ServiceSupport {
        private final Database database;
        private final MessageStore store;

        Closer(Database database, MessageStore store) {
            this.database = database;
            this.store = store;
        }

        @Override
        protected void doStop() {
            store.close();
            database.close();
        }
    }
}
