package io.integrationhub.inbound;

import io.integrationhub.store.StoreUnavailableException;
import org.apache.camel.builder.RouteBuilder;

/** The partner API of SPEC §3: CreateMessage and the status of a message. */
public class InboundRoutes extends RouteBuilder {

    private final CreateMessageReader reader;
    private final IdempotencyCheck idempotencyCheck;
    private final MessageTypeCheck messageTypeCheck;
    private final ReceiptWriter receiptWriter;
    private final SynchronousAnswer synchronousAnswer;
    private final MessageStatusReader statusReader;

    public InboundRoutes(CreateMessageReader reader, IdempotencyCheck idempotencyCheck,
                         MessageTypeCheck messageTypeCheck, ReceiptWriter receiptWriter,
                         SynchronousAnswer synchronousAnswer, MessageStatusReader statusReader) {
        this.reader = reader;
        this.idempotencyCheck = idempotencyCheck;
        this.messageTypeCheck = messageTypeCheck;
        this.receiptWriter = receiptWriter;
        this.synchronousAnswer = synchronousAnswer;
        this.statusReader = statusReader;
    }

    @Override
    public void configure() {
        onException(ApiError.class).handled(true)
                .process(e -> AnswerWriter.error(e, e.getProperty(org.apache.camel.Exchange.EXCEPTION_CAUGHT,
                        ApiError.class)));
        onException(StoreUnavailableException.class).handled(true)
                .log(org.apache.camel.LoggingLevel.ERROR, "Store unavailable: ${exception.message}")
                .process(e -> AnswerWriter.error(e, new ApiError(503, "store_unavailable",
                        "The hub cannot store messages right now; nothing was stored: send it again shortly.",
                        java.util.List.of())));
        onException(Exception.class).handled(true)
                .log(org.apache.camel.LoggingLevel.ERROR, "Unexpected failure on ${routeId}: ${exception}")
                .process(e -> AnswerWriter.error(e, new ApiError(500, "internal_error",
                        "The hub failed to handle the request; nothing was stored unless a message_id was returned.",
                        java.util.List.of())));

        from("platform-http:" + InboundGate.CREATE_MESSAGE + "?httpMethodRestrict=POST")
                .routeId("inbound-create-message")
                .process(reader)
                .process(idempotencyCheck)
                .process(messageTypeCheck)
                .choice()
                    .when(exchange -> InboundExchange.envelope(exchange).synchronous())
                        .process(synchronousAnswer)
                    .otherwise()
                        .process(receiptWriter)
                .end();

        from("platform-http:" + InboundGate.MESSAGES + "{message_id}?httpMethodRestrict=GET")
                .routeId("inbound-message-status")
                .process(statusReader);
    }
}
