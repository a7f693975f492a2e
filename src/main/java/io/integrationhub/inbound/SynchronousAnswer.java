package io.integrationhub.inbound;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationhub.api.Answer;
import io.integrationhub.api.AnswerWriter;
import io.integrationhub.api.ApiError;
import io.integrationhub.api.Caller;
import io.integrationhub.connectors.TargetReceipt;
import io.integrationhub.delivery.Failure;
import io.integrationhub.delivery.SynchronousDelivery;
import io.integrationhub.message.Envelope;
import io.integrationhub.messagetypes.MappedMessage;
import io.integrationhub.ops.HubMetrics;
import io.integrationhub.store.DuplicateKeyException;
import io.integrationhub.store.MessageStatus;
import io.integrationhub.store.MessageStore;
import io.integrationhub.store.StoredAnswer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Synchronous mode: stores the message, has it delivered while the partner waits, and answers 200, or 422, 502, 503 or
 * 504 with the message's id.
 */
public final class SynchronousAnswer implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(SynchronousAnswer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MessageStore store;
    private final SynchronousDelivery delivery;

    private final HubMetrics metrics;

    public SynchronousAnswer(MessageStore store, SynchronousDelivery delivery, HubMetrics metrics) {
        this.store = store;
        this.delivery = delivery;
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        MappedMessage mapped = InboundExchange.mapped(exchange);
        String id = InboundExchange.messageId(exchange);
        try {
            store.appendAndWait(ReceiptWriter.newMessage(exchange, id, MessageStatus.PROCESSING, mapped.connector()));
        } catch (DuplicateKeyException raced) {
            IdempotencyCheck.answerRace(exchange, store, raced);
            return;
        }
        Envelope envelope = InboundExchange.envelope(exchange);
        String partner = Caller.of(exchange).partnerId();
        metrics.received(partner, envelope.messageType(), envelope.integrationMode());
        LOG.info("received message_id={} partner={} "
                + "message_type=\"{}\" correlation_id={} target={} mode=synchronous", id, partner,
                envelope.messageType(), envelope.correlationId(), mapped.connector());
        SynchronousDelivery.Result result = delivery.deliver(id, Caller.of(exchange).partnerId(),
                envelope, mapped);
        Answer answer = result.receipt() != null
                ? new Answer(200, "CreateMessageResponse", processed(id, result.receipt()))
                : result.unmapped() != null ? Answer.of(MessageTypeCheck.mappingError(envelope, result.unmapped(), id))
                : result.retryAfterSeconds() != null ? Answer.of(unavailable(id, mapped.connector(), result))
                : Answer.of(failed(id, mapped.connector(), result.failure()));
        StoredAnswer stored = AnswerRecorder.stored(exchange, answer);
        if (stored != null && result.retryAfterSeconds() != null) {
            stored = stored.withRetryAfter(result.retryAfterSeconds());
        }
        if (stored != null) {
            store.saveAnswer(id, stored);
        }
        AnswerWriter.write(exchange, answer);
        if (result.retryAfterSeconds() != null) {
            exchange.getMessage().setHeader("Retry-After", String.valueOf(result.retryAfterSeconds()));
        }
    }

    private static Map<String, Object> processed(String id, TargetReceipt receipt) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message_id", id);
        body.put("status", MessageStatus.PROCESSED);
        body.put("target", receipt.target());
        body.put("target_status", receipt.status());
        body.put("target_reference", receipt.reference());
        body.put("target_response", new Answer.TargetBody(receipt.body(), parse(receipt.body())));
        return body;
    }

    private static ApiError unavailable(String id, String target, SynchronousDelivery.Result result) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("message_id", id);
        return new ApiError(503, "target_unavailable", "The " + target + " system is not taking messages now; the "
                + "message was not sent and is recorded as failed: send it again after Retry-After seconds.",
                List.of(result.failure().error()), extra);
    }

    private static ApiError failed(String id, String target, Failure failure) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("message_id", id);
        if (failure.kind() == Failure.Kind.TIMEOUT) {
            return new ApiError(504, "target_timeout", "The " + target + " system did not answer in time; the "
                    + "message is recorded as failed: send it again later.", List.of(failure.error()), extra);
        }
        extra.put("target_status", failure.targetStatus());
        extra.put("target_response", new Answer.TargetBody(failure.targetAnswer(), parse(failure.targetAnswer())));
        return new ApiError(502, "target_rejected", "The " + target + " system did not accept the message; it is "
                + "recorded as failed: see target_status and target_response.", List.of(failure.error()), extra);
    }

    /** A target's body as JSON when it is JSON, as text otherwise; null when empty. */
    static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }
}
