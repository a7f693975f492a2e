package io.integrationhub.message;

import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLStreamConstants;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The second generation's body (SPEC §3, {@code message_type/{type}/message}): the payload alone, a JSON object or an
 * XML document whose root element's children are its fields, read with the same bounded parsers as CreateMessage.
 */
public final class PayloadReader {

    /** Prefixes the stored format of a body that is the payload alone: its envelope is the row's other columns. */
    public static final String STORED_PREFIX = "payload+";

    private PayloadReader() {
    }

    public static ObjectNode read(byte[] body, BodyFormat format, String charset) {
        if (body == null || body.length == 0) {
            throw InvalidMessageException.of("The request body is empty: send the message's payload.");
        }
        JsonNode payload = format == BodyFormat.XML ? readXml(body, charset) : EnvelopeReader.parseJson(body, charset);
        if (payload == null || payload.isMissingNode()) {
            throw InvalidMessageException.of("The request body is empty: send the message's payload.");
        }
        if (!payload.isObject()) {
            throw InvalidMessageException.of("The request body must be the payload: a JSON object, or an XML element whose "
                    + "children are its fields.", "payload must be an object");
        }
        if (payload.isEmpty()) {
            throw InvalidMessageException.of("The payload is empty: send at least one field.", "payload is empty");
        }
        return (ObjectNode) payload;
    }

    /**
     * The envelope of a second-generation message: the payload, the type's mode, the authenticated partner and the
     * query's correlation_id (else {@code messageId}), external_action (else create) and external_reference.
     */
    public static Envelope envelope(ObjectNode payload, String mode, String partnerId, String messageType,
                             java.util.Map<String, String> query, String messageId) {
        String[] values = new String[EnvelopeReader.ENVELOPE_FIELDS.length];
        values[1] = mode;
        values[2] = partnerId;
        values[3] = query.getOrDefault("correlation_id", messageId);
        values[4] = query.getOrDefault("external_action", "create");
        values[5] = query.get("external_reference");
        values[EnvelopeReader.TYPE] = messageType;
        List<String> problems = new ArrayList<>();
        return EnvelopeReader.envelope(payload, values, problems);
    }

    private static JsonNode readXml(byte[] body, String charset) {
        return BoundedXml.read(body, charset, reader -> {
            if (BoundedXml.nextStructural(reader) != XMLStreamConstants.START_ELEMENT) {
                throw InvalidMessageException.of("The request body is not an XML document.");
            }
            String root = reader.getLocalName();
            JsonNode payload = BoundedXml.readElement(reader, 1);
            BoundedXml.requireEnd(reader, root);
            return payload.isTextual() && payload.asText().isBlank() ? BoundedXml.emptyObject() : payload;
        });
    }
}
