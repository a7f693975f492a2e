package io.integrationhub.messagetypes;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationhub.message.Envelope;

/**
 * The message as a message type's route sees it (SPEC §5): a JSON object as Jackson reads it, the payload beside the
 * envelope's fields, the same for a message that came as XML (whose values are text).
 */
final class MessageBody {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MessageBody() {
    }

    static Map<String, Object> of(Envelope envelope) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("payload", JSON.convertValue(envelope.payload(), Map.class));
        body.put("integrationmode", envelope.integrationMode());
        body.put("integrationPartner", envelope.integrationPartner());
        body.put("correlation_id", envelope.correlationId());
        body.put("external_action", envelope.externalAction());
        body.put("external_reference", envelope.externalReference());
        body.put("message_type", envelope.messageType());
        return body;
    }
}
