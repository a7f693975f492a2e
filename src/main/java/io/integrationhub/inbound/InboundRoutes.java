package io.integrationhub.inbound;

import java.util.concurrent.ExecutorService;

import io.integrationhub.api.ApiErrorHandling;
import io.integrationhub.api.HttpGate;
import io.integrationhub.inbound.CreateMessageReader.Generation;
import io.integrationhub.messagetypes.FieldMapper;
import org.apache.camel.builder.RouteBuilder;

/** The partner API of SPEC §3: CreateMessage in each generation, and the status of a message. */
public class InboundRoutes extends RouteBuilder {

    private final FieldMapper types;
    private final IdempotencyCheck idempotencyCheck;
    private final MessageTypeCheck messageTypeCheck;
    private final ReceiptWriter receiptWriter;
    private final SynchronousAnswer synchronousAnswer;
    private final DryRunAnswer dryRunAnswer;
    private final MessageStatusReader statusReader;
    private final ExecutorService requestThreads;

    /** {@code requestThreads}: where a CreateMessage request that may wait goes on (see {@link #configure()}). */
    public InboundRoutes(FieldMapper types, IdempotencyCheck idempotencyCheck,
                         MessageTypeCheck messageTypeCheck, ReceiptWriter receiptWriter,
                         SynchronousAnswer synchronousAnswer, DryRunAnswer dryRunAnswer,
                         MessageStatusReader statusReader,
                         ExecutorService requestThreads) {
        this.types = types;
        this.idempotencyCheck = idempotencyCheck;
        this.messageTypeCheck = messageTypeCheck;
        this.receiptWriter = receiptWriter;
        this.synchronousAnswer = synchronousAnswer;
        this.dryRunAnswer = dryRunAnswer;
        this.statusReader = statusReader;
        this.requestThreads = requestThreads;
    }

    @Override
    public void configure() {
        createMessage(HttpGate.CREATE_MESSAGE, "inbound-create-message", Generation.CREATE_MESSAGE);
        createMessage(HttpGate.TYPED_CREATE_MESSAGE, "inbound-create-message-typed",
                Generation.TYPED_CREATE_MESSAGE);
        createMessage(HttpGate.PAYLOAD_MESSAGE, "inbound-payload-message", Generation.PAYLOAD);

        from("platform-http:" + HttpGate.MESSAGES + "{message_id}?httpMethodRestrict=GET")
                .routeId("inbound-message-status").routeConfigurationId(ApiErrorHandling.ID)
                .process(statusReader);
    }

    /**
     * One generation's route (SPEC §3): its own reader, then the same steps for all, so that every generation is
     * checked, stored and answered alike.
     */
    private void createMessage(String path, String routeId, Generation generation) {
        from("platform-http:" + path + "?httpMethodRestrict=POST")
                .routeId(routeId).routeConfigurationId(ApiErrorHandling.ID)
                // The body is in memory already (platform-http read it whole): caching it as a stream only copies it.
                .noStreamCaching()
                // This route runs on the Vert.x event loop that read the request (HubHttpEngine), which must never
                // wait. A request that may goes on on a request thread: one whose Idempotency-Key is looked up in
                // the store, one whose large body would hold up the loop's other connections while it is parsed,
                // a synchronous message, delivered while the partner waits, a dry run, which reads the store, and
                // one whose message type's route has steps of its own (a delay, a log, a choice: SPEC §5, a slow
                // step slows its own message only).
                .filter(InboundExchange::waitsBeforeRead)
                    .threads().executorService(requestThreads).callerRunsWhenRejected(false).end()
                .end()
                .process(new CreateMessageReader(generation, types))
                .filter(exchange -> InboundExchange.waitsAfterRead(exchange) || messageTypeCheck.runsSteps(exchange))
                    .threads().executorService(requestThreads).callerRunsWhenRejected(false).end()
                .end()
                .process(idempotencyCheck)
                .process(messageTypeCheck)
                .choice()
                    .when(InboundExchange::dryRun)
                        .process(dryRunAnswer)
                    .when(exchange -> InboundExchange.envelope(exchange).synchronous())
                        .process(synchronousAnswer)
                    .otherwise()
                        .process(receiptWriter)
                .end();
    }
}
