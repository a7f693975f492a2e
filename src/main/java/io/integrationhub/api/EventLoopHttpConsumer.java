package io.integrationhub.api;

import java.util.List;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.vertx.PlatformHttpResponses;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConsumer;

/**
 * A platform-http consumer that runs its route on the Vert.x event loop that read the request, asynchronously, and
 * answers when the route calls back. platform-http's own consumer runs every route on a worker thread and waits there
 * for it: under load, a third of a request thread's CPU went to handing the request to it and parking it until the
 * group commit that held its row woke it. The route must not block here; whatever may wait (a store read, a
 * synchronous delivery) moves to a request thread first with Camel's threads() (see {@link InboundRoutes}).
 * <p>
 * A request with a form body never gets here: the gate answers 415 to any content type but JSON and XML, so
 * platform-http's form-data handling is left out.
 */
final class EventLoopHttpConsumer extends VertxPlatformHttpConsumer {

    EventLoopHttpConsumer(PlatformHttpEndpoint endpoint, Processor processor, List<Handler<RoutingContext>> handlers,
                          String routerName) {
        super(endpoint, processor, handlers, routerName);
    }

    @Override
    protected void handleRequest(RoutingContext ctx) {
        if (isSuspended()) {
            super.handleRequest(ctx); // answers 503
            return;
        }
        Exchange exchange = createExchange(false);
        exchange.setPattern(ExchangePattern.InOut);
        Context loop = Vertx.currentContext();
        Thread loopThread = Thread.currentThread();
        processHttpRequest(exchange, ctx).onComplete(read -> {
            if (read.failed()) {
                fail(exchange, ctx, read.cause());
                return;
            }
            try {
                createUoW(exchange);
            } catch (Exception e) {
                fail(exchange, ctx, e);
                return;
            }
            getAsyncProcessor().process(exchange, doneSync -> {
                if (Thread.currentThread() == loopThread) {
                    respond(exchange, ctx);
                } else {
                    loop.runOnContext(v -> respond(exchange, ctx));
                }
            });
        });
    }

    private void respond(Exchange exchange, RoutingContext ctx) {
        PlatformHttpResponses.write(ctx, exchange, getEndpoint().getHeaderFilterStrategy(),
                getEndpoint().isMuteException()).onComplete(written -> {
                    if (written.failed()) {
                        fail(exchange, ctx, written.cause());
                    } else {
                        done(exchange);
                    }
                });
    }

    private void fail(Exchange exchange, RoutingContext ctx, Throwable failure) {
        getExceptionHandler().handleException("Failed handling platform-http endpoint " + getEndpoint().getPath(),
                failure);
        ctx.fail(failure);
        done(exchange);
    }

    private void done(Exchange exchange) {
        doneUoW(exchange);
        releaseExchange(exchange, false);
    }
}
