package io.integrationhub.api;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;

import io.integrationhub.message.InvalidMessageException;
import io.integrationhub.store.StoreUnavailableException;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * How every API route (partner and ops) turns a failure into an answer: an {@link ApiError} as itself, the store
 * being down as 503, anything unforeseen as 500 — always the SPEC §3 error body. Routes use it by its id.
 */
public class ApiErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "api-error-handling";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(ApiError.class).handled(true)
                    .process(e -> AnswerWriter.error(e, e.getProperty(Exchange.EXCEPTION_CAUGHT, ApiError.class)))
                .end()
                .onException(InvalidMessageException.class).handled(true)
                    .process(e -> {
                        InvalidMessageException invalid = e.getProperty(Exchange.EXCEPTION_CAUGHT,
                                InvalidMessageException.class);
                        AnswerWriter.error(e, new ApiError(400, "invalid_body", invalid.getMessage(),
                                invalid.details()));
                    })
                .end()
                .onException(StoreUnavailableException.class).handled(true)
                    .log(LoggingLevel.ERROR, "Store unavailable: ${exception.message}")
                    .process(e -> AnswerWriter.error(e, new ApiError(503, "store_unavailable",
                            "The hub cannot reach its store right now; nothing was stored: try again shortly.",
                            List.of())))
                .end()
                .onException(RejectedExecutionException.class).handled(true)
                    .log(LoggingLevel.WARN, "Request threads all busy and their queue full: answered 503")
                    .process(e -> AnswerWriter.error(e, new ApiError(503, "busy",
                            "The hub has more requests waiting than it takes; nothing was stored: try again shortly.",
                            List.of())))
                .end()
                .onException(Exception.class).handled(true)
                    .log(LoggingLevel.ERROR, "Unexpected failure on ${routeId}: ${exception}")
                    .process(e -> AnswerWriter.error(e, new ApiError(500, "internal_error",
                            "The hub failed to handle the request; nothing was stored unless a message_id was "
                                    + "returned.", List.of())))
                .end();
    }
}
