package io.integrationhub.inbound;

import java.util.List;

import io.integrationhub.api.Answer;
import io.integrationhub.api.ApiError;
import io.integrationhub.api.Caller;
import io.integrationhub.message.Envelope;
import io.integrationhub.messagetypes.FieldMapper;
import io.integrationhub.messagetypes.MappedMessage;
import io.integrationhub.messagetypes.MappingException;
import io.integrationhub.messagetypes.MessageTypeConsumer;
import io.integrationhub.messagetypes.UnknownMessageTypeException;
import io.integrationhub.notify.Notifications;
import io.integrationhub.store.DeliveryRecord;
import io.integrationhub.store.MessageStatus;
import io.integrationhub.store.MessageStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Runs the message type's field map over the request (in memory) so that a partner learns of an unknown type or a
 * payload that cannot be mapped now, with a 422, rather than from a dead letter later.
 */
public final class MessageTypeCheck implements Processor {

    private static final String ROUTE = "hub.message-type-route";

    private final FieldMapper mapper;
    private final MessageStore store;
    private final Notifications notifications;

    public MessageTypeCheck(FieldMapper mapper, MessageStore store, Notifications notifications) {
        this.notifications = notifications;
        this.mapper = mapper;
        this.store = store;
    }

    /**
     * Whether the request is on an event loop and its message type's route has steps beyond field maps, which must
     * not run there. Field steps alone are the hub's own bounded work, and run where the request was read.
     */
    boolean runsSteps(Exchange exchange) {
        return io.vertx.core.Context.isOnEventLoopThread() && !FieldMapper.runsOnlyFieldSteps(route(exchange));
    }

    /** The route serving the request's type, looked up once per request and kept on it. */
    private MessageTypeConsumer route(Exchange exchange) {
        MessageTypeConsumer route = exchange.getVariable(ROUTE, MessageTypeConsumer.class);
        if (route == null) {
            route = mapper.serving(InboundExchange.envelope(exchange).messageType());
            exchange.setVariable(ROUTE, route);
        }
        return route;
    }

    @Override
    public void process(Exchange exchange) {
        Envelope envelope = InboundExchange.envelope(exchange);
        MappedMessage mapped;
        try {
            mapped = mapper.map(envelope, exchange.getVariable(InboundExchange.RECEIVED_AT, Long.class),
                    route(exchange));
        } catch (UnknownMessageTypeException e) {
            throw unknownType(e);
        } catch (MappingException e) {
            String messageId = envelope.synchronous() && !InboundExchange.dryRun(exchange)
                    ? storeFailed(exchange, envelope, e) : null;
            ApiError error = mappingError(envelope, e, messageId);
            io.integrationhub.store.StoredAnswer stored = messageId == null ? null
                    : AnswerRecorder.stored(exchange, Answer.of(error));
            if (stored != null) {
                store.saveAnswer(messageId, stored);
            }
            throw error;
        }
        exchange.setVariable(InboundExchange.MAPPED, mapped);
    }

    /** SPEC §3: a synchronous message that cannot be mapped is stored as failed; the partner is told in the 422. */
    private String storeFailed(Exchange exchange, Envelope envelope, MappingException e) {
        String id = InboundExchange.messageId(exchange);
        long now = exchange.getVariable(InboundExchange.RECEIVED_AT, Long.class);
        String connector = mapper.connectorOf(envelope.messageType());
        store.appendAndWait(ReceiptWriter.newMessage(exchange, id, MessageStatus.PROCESSING, connector));
        String partner = Caller.of(exchange).partnerId();
        store.record(DeliveryRecord.unmapped(id, connector, now, e.getMessage()), partner, envelope.correlationId(),
                notifications.messageEvent(Notifications.MESSAGE_FAILED, new Notifications.MessageFacts(id, partner,
                        envelope.messageType(), envelope.correlationId(), envelope.externalReference(), connector, 0,
                        e.getMessage(), null)));
        return id;
    }

    static ApiError unknownType(UnknownMessageTypeException e) {
        return new ApiError(422, "unknown_message_type", "Unknown message_type '" + e.messageType()
                + "': use one of the message types this hub serves (listed in details).", e.known());
    }

    static ApiError mappingError(Envelope envelope, MappingException e, String messageId) {
        java.util.Map<String, Object> extra = new java.util.LinkedHashMap<>();
        if (messageId != null) {
            extra.put("message_id", messageId);
        }
        return new ApiError(422, "mapping_error", e.explained(envelope.messageType()), List.of(e.getMessage()), extra);
    }
}
