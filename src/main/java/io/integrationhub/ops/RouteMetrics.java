package io.integrationhub.ops;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyNamingStrategy;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.ExchangeHelper;
import org.apache.camel.support.RoutePolicySupport;

/**
 * Camel's route metrics (SPEC §7): per route the timer {@code camel_route_policy_seconds} and the counters
 * {@code camel_exchanges_total}, {@code _succeeded_}, {@code _failed_}, {@code _failures_handled_} and
 * {@code _external_redeliveries_}, with the names, tags and descriptions of camel-micrometer's route policy. Our own
 * because that policy names the exchange property that carries its timer sample with {@code String.format} at both
 * ends of every exchange of every route: 5 % of a CreateMessage request's CPU under load.
 */
public final class RouteMetrics implements RoutePolicyFactory {

    private static final MicrometerRoutePolicyNamingStrategy NAMES = MicrometerRoutePolicyNamingStrategy.DEFAULT;

    @Override
    public RoutePolicy createRoutePolicy(CamelContext context, String routeId, NamedNode route) {
        return new Policy();
    }

    private static final class Policy extends RoutePolicySupport {

        private String sampleProperty;
        private MeterRegistry registry;
        private Tags tags;
        private Counter total;
        private Counter succeeded;
        private Counter failed;
        private Counter failuresHandled;
        private Counter externalRedeliveries;
        // Registered with the route's first finished exchange, as camel-micrometer does.
        private volatile Timer timer;

        @Override
        public void onStart(Route route) {
            // Bound by Camel's metrics service, which starts before the routes.
            registry = route.getCamelContext().getRegistry().findSingleByType(MeterRegistry.class);
            if (registry == null) {
                return;
            }
            sampleProperty = "HubRouteMetricsSample-" + route.getRouteId();
            tags = NAMES.getExchangeStatusTags(route);
            total = counter(NAMES.getExchangesTotalName(route), "Total number of processed exchanges");
            succeeded = counter(NAMES.getExchangesSucceededName(route), "Number of successfully completed exchanges");
            failed = counter(NAMES.getExchangesFailedName(route), "Number of failed exchanges");
            failuresHandled = counter(NAMES.getFailuresHandledName(route), "Number of failures handled");
            externalRedeliveries = counter(NAMES.getExternalRedeliveriesName(route),
                    "Number of external initiated redeliveries (such as from JMS broker)");
        }

        private Counter counter(String name, String description) {
            return Counter.builder(name).tags(tags).description(description).register(registry);
        }

        @Override
        public void onExchangeBegin(Route route, Exchange exchange) {
            if (registry != null) {
                exchange.setProperty(sampleProperty, Timer.start(registry));
            }
        }

        @Override
        public void onExchangeDone(Route route, Exchange exchange) {
            if (registry == null) {
                return;
            }
            Object sample = exchange.removeProperty(sampleProperty);
            if (sample instanceof Timer.Sample started) {
                started.stop(timer(route));
            }
            total.increment();
            if (exchange.isFailed()) {
                failed.increment();
                return;
            }
            succeeded.increment();
            if (ExchangeHelper.isFailureHandled(exchange)) {
                failuresHandled.increment();
            }
            if (exchange.isExternalRedelivered()) {
                externalRedeliveries.increment();
            }
        }

        private Timer timer(Route route) {
            Timer t = timer;
            if (t == null) {
                t = Timer.builder(NAMES.getName(route)).tags(NAMES.getTags(route))
                        .description("Route performance metrics").register(registry);
                timer = t;
            }
            return t;
        }

        /** A route removed (a message type's file deleted or reloaded): its series go with it. */
        @Override
        public void onRemove(Route route) {
            if (registry == null) {
                return;
            }
            for (Meter meter : List.of(total, succeeded, failed, failuresHandled, externalRedeliveries)) {
                registry.remove(meter);
            }
            Timer t = timer;
            if (t != null) {
                registry.remove(t);
            }
        }
    }
}
