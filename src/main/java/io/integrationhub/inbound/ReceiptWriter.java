package io.integrationhub.inbound;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;

import io.integrationhub.api.Answer;
import io.integrationhub.api.AnswerWriter;
import io.integrationhub.api.Caller;
import io.integrationhub.api.Timestamps;
import io.integrationhub.message.Envelope;
import io.integrationhub.messagetypes.MappedMessage;
import io.integrationhub.ops.HubMetrics;
import io.integrationhub.store.DuplicateKeyException;
import io.integrationhub.store.MessageStatus;
import io.integrationhub.store.MessageStore;
import io.integrationhub.store.NewMessage;
import io.integrationhub.store.StoreUnavailableException;
import io.integrationhub.store.StoredAnswer;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Asynchronous mode: one durable store write, then the 202 receipt (SPEC §4: never a 202 that was not stored). */
public final class ReceiptWriter extends AsyncProcessorSupport {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiptWriter.class);

    private final MessageStore store;
    private final java.util.function.Consumer<String> onStored;

    private final HubMetrics metrics;

    public ReceiptWriter(MessageStore store, java.util.function.Consumer<String> onStored, HubMetrics metrics) {
        this.store = store;
        this.onStored = onStored;
        this.metrics = metrics;
    }

    /**
     * On a Vert.x event loop (the CreateMessage route runs there) the row goes to the group commit and the route goes
     * on, on the same event loop, once that commit is done: no thread waits for it. Elsewhere (a request thread) this
     * thread waits for the commit.
     */
    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Context loop = Context.isOnEventLoopThread() ? Vertx.currentContext() : null;
        Receipt receipt;
        try {
            receipt = receipt(exchange);
        } catch (RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        if (loop == null) {
            Throwable failure = null;
            try {
                store.append(receipt.message()).join();
            } catch (CompletionException e) {
                failure = e;
            }
            finish(exchange, receipt, failure);
            callback.done(true);
            return true;
        }
        store.append(receipt.message()).whenComplete((stored, failure) -> loop.runOnContext(v -> {
            finish(exchange, receipt, failure);
            callback.done(false);
        }));
        return false;
    }

    /** After the commit: the receipt, or the answer to a repeat that raced this request, or why it was not stored. */
    private void finish(Exchange exchange, Receipt receipt, Throwable failure) {
        try {
            if (failure == null) {
                answer(exchange, receipt);
                return;
            }
            StoreUnavailableException notStored = MessageStore.notStored(failure);
            if (notStored instanceof DuplicateKeyException raced) {
                IdempotencyCheck.answerRace(exchange, store, raced);
            } else {
                exchange.setException(notStored);
            }
        } catch (RuntimeException e) {
            exchange.setException(e);
        }
    }

    /** The row to store and the answer to give once it is stored. */
    private record Receipt(NewMessage message, Answer answer) {
    }

    private static Receipt receipt(Exchange exchange) {
        String id = InboundExchange.messageId(exchange);
        long receivedAt = exchange.getVariable(InboundExchange.RECEIVED_AT, Long.class);
        Envelope envelope = InboundExchange.envelope(exchange);
        Map<String, Object> receipt = new LinkedHashMap<>();
        receipt.put("message_id", id);
        receipt.put("status", MessageStatus.QUEUED);
        receipt.put("message_type", envelope.messageType());
        receipt.put("integrationmode", envelope.integrationMode());
        receipt.put("correlation_id", envelope.correlationId());
        receipt.put("external_reference", envelope.externalReference());
        receipt.put("received_at", Timestamps.iso(receivedAt));
        Answer answer = new Answer(202, "CreateMessageResponse", receipt);
        // The receipt is stored with the message, in the same commit, for a repeat with the same Idempotency-Key.
        NewMessage message = newMessage(exchange, id, MessageStatus.QUEUED,
                InboundExchange.mapped(exchange).connector(), AnswerRecorder.stored(exchange, answer));
        return new Receipt(message, answer);
    }

    private void answer(Exchange exchange, Receipt receipt) {
        NewMessage message = receipt.message();
        onStored.accept(message.target());
        metrics.received(message.partner(), message.messageType(), message.integrationMode());
        LOG.info("received message_id={} partner={} message_type=\"{}\" correlation_id={} target={} mode={}",
                message.id(), message.partner(), message.messageType(), message.correlationId(), message.target(),
                message.integrationMode());
        AnswerWriter.write(exchange, receipt.answer());
    }

    /** The store's row for the request on this exchange. */
    public static NewMessage newMessage(Exchange exchange, String id, String status, String target) {
        return newMessage(exchange, id, status, target, null);
    }

    static NewMessage newMessage(Exchange exchange, String id, String status, String target, StoredAnswer answer) {
        Envelope envelope = InboundExchange.envelope(exchange);
        return NewMessage.received(id, Caller.of(exchange).partnerId(),
                        exchange.getVariable(InboundExchange.RECEIVED_AT, Long.class))
                .envelope(envelope.messageType(), envelope.integrationMode(), envelope.correlationId(),
                        envelope.externalAction(),
                        // A second-generation message may come without one: stored empty, read back as none.
                        envelope.externalReference() == null ? "" : envelope.externalReference())
                .body(exchange.getVariable(InboundExchange.STORED_FORMAT, String.class),
                        exchange.getVariable(InboundExchange.RAW_BODY, byte[].class))
                .status(status, target)
                .idempotency(exchange.getVariable(InboundExchange.IDEMPOTENCY_KEY, String.class),
                        exchange.getVariable(InboundExchange.REQUEST_HASH, String.class), answer)
                .mapped(mappedJson(exchange))
                .build();
    }

    // Kept only for asynchronous messages: delivery sends what was mapped now (SPEC §5).
    private static String mappedJson(Exchange exchange) {
        MappedMessage mapped = exchange.getVariable(InboundExchange.MAPPED, MappedMessage.class);
        return mapped == null || InboundExchange.envelope(exchange).synchronous() ? null : mapped.toJson();
    }
}
