package io.integrationhub.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;

/** The hub's own metrics beside Camel's route metrics, on the registry camel-micrometer-prometheus serves. */
public final class HubMetrics {

    private final CamelContext context;
    private volatile MeterRegistry registry;

    public HubMetrics(CamelContext context) {
        this.context = context;
    }

    /** A login that failed, by realm (partner or ops): a burst of these is someone guessing secrets. */
    public void authFailure(String realm) {
        MeterRegistry r = registry();
        if (r != null) {
            Counter.builder("hub.auth.failures").description("Failed logins to the partner API and the ops API")
                    .tag("realm", realm).register(r).increment();
        }
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
