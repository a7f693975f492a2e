package io.integrationhub.inbound;

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
        from("platform-http:" + InboundGate.CREATE_MESSAGE + "?httpMethodRestrict=POST")
                .routeId("inbound-create-message").routeConfigurationId(ApiErrorHandling.ID)
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
                .routeId("inbound-message-status").routeConfigurationId(ApiErrorHandling.ID)
                .process(statusReader);
    }
}
