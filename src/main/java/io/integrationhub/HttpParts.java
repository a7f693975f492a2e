package io.integrationhub;

import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

import io.integrationhub.api.HttpGate;
import io.integrationhub.api.HubHttpEngine;
import io.integrationhub.api.PartnerDirectory;
import io.vertx.core.VertxOptions;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.platform.http.PlatformHttpConstants;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** HTTP in and out: the request threads, platform-http's engine, camel-http's pools, and the gate. */
final class HttpParts extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(HttpParts.class);
    /** Requests waiting for a request thread beyond this are answered 503 (ApiErrorHandling). */
    private static final int REQUEST_QUEUE = 10_000;

    final ExecutorService requestThreads;
    private final CamelContext context;
    private final HubSettings settings;
    private final Consumer<String> onFailedLogin;
    private final java.util.function.IntConsumer onPartnerAnswer;
    private HttpGate gate;

    /**
     * CreateMessage runs on the event loop (HubHttpEngine); what may wait there goes on on a request thread. The other
     * API routes run on Vert.x's worker threads, as platform-http runs them. Both are bound before the context starts:
     * platform-http looks its engine up first, and creates its Vert.x from these options when its server starts.
     */
    HttpParts(CamelContext context, HubSettings settings, int largestLane, Consumer<String> onFailedLogin,
              java.util.function.IntConsumer onPartnerAnswer)
            throws Exception {
        this.context = context;
        this.settings = settings;
        this.onFailedLogin = onFailedLogin;
        this.onPartnerAnswer = onPartnerAnswer;
        int threads = settings.getInt("hub.http.worker-threads", 128);
        context.getRegistry().bind("vertxOptions", new VertxOptions().setWorkerPoolSize(threads));
        context.getRegistry().bind(PlatformHttpConstants.PLATFORM_HTTP_ENGINE_NAME, new HubHttpEngine(Set.of(
                HttpGate.CREATE_MESSAGE, HttpGate.TYPED_CREATE_MESSAGE, HttpGate.PAYLOAD_MESSAGE)));
        ThreadPoolProfile pool = new ThreadPoolProfileBuilder("hub-request").poolSize(threads).maxPoolSize(threads)
                .maxQueueSize(REQUEST_QUEUE).rejectedPolicy(ThreadPoolRejectedPolicy.Abort).build();
        requestThreads = context.getExecutorServiceManager().newThreadPool(this, "hub-request", pool);
        configureOutbound(Math.max(20, largestLane + threads));
        // Started with the context's services, after the HTTP server and before the routes take requests.
        context.addService(this);
    }

    /**
     * Every asynchronous worker and every request thread (a synchronous delivery) may call one target at once:
     * camel-http's default of 20 pooled connections per target would make the rest wait for a connection.
     */
    private void configureOutbound(int connectionsPerTarget) {
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
    }

    /** Lets the requests the gate held in: the hub is ready. */
    void open() {
        gate.open();
    }

    @Override
    protected void doStart() {
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
        gate = new HttpGate(partners, settings.getLong("hub.http.max-body-bytes", 10485760L), onFailedLogin);
        gate.onPartnerAnswer(onPartnerAnswer);
        router.route().order(-1000).handler(gate).failureHandler(gate::failure);
        // SPEC §3: a path no route serves gets the hub's error body, not Vert.x's HTML page.
        router.route().last().handler(gate::notFound);
        LOG.info("Partners allowed to post: {}", partners.partnerIds());
    }

    private PartnerDirectory partners() {
        Properties all = context.getPropertiesComponent().loadProperties(k -> k.startsWith("hub.partner."));
        Set<String> keys = new TreeSet<>(all.stringPropertyNames());
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("hub.partner."))
                .forEach(keys::add);
        return PartnerDirectory.from(keys, System.getenv().keySet(), settings::find,
                settings.get("hub.admin.user", "admin"), settings.get("hub.admin.password", "admin-secret"));
    }
}
