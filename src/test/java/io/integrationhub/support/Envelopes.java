package io.integrationhub.support;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** CreateMessage requests for any message type, as JSON and as the equivalent XML of SPEC §3. */
public final class Envelopes {

    public static final ObjectMapper JSON = new ObjectMapper();

    private Envelopes() {
    }

    public static ObjectNode payload(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static String json(String mode, String messageType, String correlationId, ObjectNode payload) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.set("payload", payload);
        envelope.put("integrationmode", mode);
        envelope.put("integrationPartner", "Automize");
        envelope.put("correlation_id", correlationId);
        envelope.put("external_action", "create");
        envelope.put("external_reference", "REF-" + correlationId);
        envelope.put("message_type", messageType);
        return envelope.toString();
    }

    /** The same request as XML: objects as nested elements, arrays as repeated elements, values as text. */
    public static String xml(String mode, String messageType, String correlationId, ObjectNode payload) {
        StringBuilder xml = new StringBuilder("<CreateMessageRequest><payload>");
        members(xml, payload);
        xml.append("</payload>");
        element(xml, "integrationmode", mode);
        element(xml, "integrationPartner", "Automize");
        element(xml, "correlation_id", correlationId);
        element(xml, "external_action", "create");
        element(xml, "external_reference", "REF-" + correlationId);
        element(xml, "message_type", messageType);
        return xml.append("</CreateMessageRequest>").toString();
    }

    private static void members(StringBuilder xml, JsonNode object) {
        Iterator<Map.Entry<String, JsonNode>> it = object.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> member = it.next();
            if (member.getValue().isArray()) {
                member.getValue().forEach(item -> value(xml, member.getKey(), item));
            } else {
                value(xml, member.getKey(), member.getValue());
            }
        }
    }

    private static void value(StringBuilder xml, String name, JsonNode value) {
        xml.append('<').append(name).append('>');
        if (value.isObject()) {
            members(xml, value);
        } else {
            xml.append(escape(value.asText()));
        }
        xml.append("</").append(name).append('>');
    }

    private static void element(StringBuilder xml, String name, String text) {
        xml.append('<').append(name).append('>').append(escape(text)).append("</").append(name).append('>');
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
