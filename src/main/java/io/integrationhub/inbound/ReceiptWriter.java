package io.integrationhub.inbound;

import java.util.LinkedHashMap;
import java.util.Map;

import io.integrationhub.ops.HubMetrics;
import io.integrationhub.store.MessageIds;
import io.integrationhub.store.DuplicateKeyException;
import io.integrationhub.store.MessageStatus;
import io.integrationhub.store.MessageStore;
import io.integrationhub.store.NewMessage;
import io.integrationhub.store.StoredAnswer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Asynchronous mode: one durable store write, then the 202 receipt (SPEC §4: never a 202 that was not stored). */
public final class ReceiptWriter implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiptWriter.class);

    private final MessageStore store;
    private final Runnable onStored;

    private final HubMetrics metrics;

    public ReceiptWriter(MessageStore store, Runnable onStored, HubMetrics metrics) {
        this.store = store;
        this.onStored = onStored;
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        String id = MessageIds.next();
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
        try {
            store.appendAndWait(message);
        } catch (DuplicateKeyException raced) {
            IdempotencyCheck.answerRace(exchange, store, raced);
            return;
        }
        onStored.run();
        metrics.received(message.partner(), message.messageType(), message.integrationMode());
        LOG.info("received message_id={} partner={} message_type=\"{}\" correlation_id={} target={} mode={}",
                id, message.partner(), message.messageType(), message.correlationId(), message.target(),
                message.integrationMode());
        AnswerWriter.write(exchange, answer);
    }

    /** The store's row for the request on this exchange. */
    public static NewMessage newMessage(Exchange exchange, String id, String status, String target) {
        return newMessage(exchange, id, status, target, null);
    }

    static NewMessage newMessage(Exchange exchange, String id, String status, String target, StoredAnswer answer) {
        Envelope envelope = InboundExchange.envelope(exchange);
        return new NewMessage(id, InboundExchange.caller(exchange).partnerId(), envelope.messageType(),
                envelope.integrationMode(), envelope.correlationId(), envelope.externalAction(),
                envelope.externalReference(), exchange.getVariable(InboundExchange.STORED_FORMAT, String.class),
                exchange.getVariable(InboundExchange.RAW_BODY, byte[].class), status, target,
                exchange.getVariable(InboundExchange.IDEMPOTENCY_KEY, String.class),
                exchange.getVariable(InboundExchange.REQUEST_HASH, String.class), answer,
                exchange.getVariable(InboundExchange.RECEIVED_AT, Long.class));
    }
}
