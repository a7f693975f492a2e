package io.integrationhub.inbound;

import java.util.LinkedHashMap;
import java.util.Map;

import io.integrationhub.store.MessageStore;
import io.integrationhub.store.StoredMessage;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** SPEC §3 status endpoint: a partner's own message (admin: any); anything else is 404, so ids cannot be probed. */
public final class MessageStatusReader implements Processor {

    private final MessageStore store;

    public MessageStatusReader(MessageStore store) {
        this.store = store;
    }

    @Override
    public void process(Exchange exchange) {
        Caller caller = InboundExchange.caller(exchange);
        if (caller == null) {
            throw ApiError.unauthorized();
        }
        String id = exchange.getMessage().getHeader("message_id", String.class);
        StoredMessage message = id == null ? null : store.find(id).filter(m -> caller.maySee(m.partner())).orElse(null);
        if (message == null) {
            throw ApiError.notFound("No message with id '" + id + "' was sent by you.");
        }
        AnswerWriter.write(exchange, new Answer(200, "MessageStatus", fields(message)));
    }

    public static Map<String, Object> fields(StoredMessage m) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("message_id", m.id());
        fields.put("status", m.status());
        fields.put("attempts", m.attempts());
        fields.put("next_attempt_at", "retrying".equals(m.status()) || "queued".equals(m.status())
                ? Timestamps.iso(m.nextAttemptAt()) : null);
        fields.put("last_error", m.lastError());
        fields.put("target_reference", m.targetReference());
        fields.put("received_at", Timestamps.iso(m.receivedAt()));
        fields.put("updated_at", Timestamps.iso(m.updatedAt()));
        return fields;
    }
}
