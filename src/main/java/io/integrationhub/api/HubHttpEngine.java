package io.integrationhub.api;

import java.util.Set;

import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpEngine;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * platform-http's Vert.x engine, with the routes of the given paths run on the event loop
 * ({@link EventLoopHttpConsumer}); every other platform-http route runs as platform-http runs it, on a worker thread.
 * Bound in the registry as {@code platform-http-engine} before the context starts, where platform-http looks first.
 */
public final class HubHttpEngine extends VertxPlatformHttpEngine {

    private final Set<String> eventLoopPaths;

    public HubHttpEngine(Set<String> eventLoopPaths) {
        this.eventLoopPaths = Set.copyOf(eventLoopPaths);
    }

    @Override
    public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
        if (!eventLoopPaths.contains(endpoint.getPath())) {
            return super.createConsumer(endpoint, processor);
        }
        return new EventLoopHttpConsumer(endpoint, processor, getHandlers(),
                VertxPlatformHttpRouter.getRouterNameFromPort(getServerPort()));
    }
}
