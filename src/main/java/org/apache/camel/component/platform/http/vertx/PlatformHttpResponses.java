package org.apache.camel.component.platform.http.vertx;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * platform-http's own response writer, which Camel keeps package-private. The hub's event-loop consumer
 * ({@code io.integrationhub.api.EventLoopHttpConsumer}) answers through it, so that its answers are written
 * exactly as platform-http writes every other route's: status, headers through the endpoint's filter, length, body.
 */
public final class PlatformHttpResponses {

    private PlatformHttpResponses() {
    }

    public static Future<Void> write(RoutingContext ctx, Exchange exchange, HeaderFilterStrategy headerFilterStrategy,
                                     boolean muteExceptions) {
        return VertxPlatformHttpSupport.writeResponse(ctx, exchange, headerFilterStrategy, muteExceptions);
    }
}
