package io.integrationhub.connectors;

import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpMethods;

/**
 * The shape every connector route has: forget the caller's headers, build the request, POST it with the target's
 * timeout, read the answer. Failures propagate to the delivery side, which classifies and logs them once.
 */
abstract class TargetRoute extends RouteBuilder {

    /** {@code credentials}: the request headers that carry them, shown as {@code ***} by a dry run. */
    protected void connector(String name, String path, TargetSettings target, Set<String> credentials,
                             Processor request, Processor answer) {
        getContext().getRegistry().bind(TargetRequest.Builder.REGISTRY_PREFIX + name,
                new TargetRequest.Builder(target.baseUrl() + path, credentials, request));
        errorHandler(noErrorHandler());
        from("direct:connector-" + name).routeId("connector-" + name)
                .removeHeaders("*")
                .process(request)
                // The enum itself: as the text "POST" camel-http looked the String-to-HttpMethods converter up on
                // every call, a tenth of a delivery's CPU.
                .setHeader(Exchange.HTTP_METHOD, constant(HttpMethods.POST))
                .to(target.endpoint(path))
                .process(answer);
    }
}
