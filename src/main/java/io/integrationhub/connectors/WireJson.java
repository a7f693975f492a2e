package io.integrationhub.connectors;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON as targets receive it: members in the order their documents list them, absent fields left out. */
final class WireJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private WireJson() {
    }

    /** The fields named in {@code members}, in that order, then any others the field map added, in its order. */
    static ObjectNode ordered(List<String> members, Map<String, JsonNode> fields) {
        ObjectNode body = MAPPER.createObjectNode();
        for (String member : members) {
            if (fields.containsKey(member)) {
                body.set(member, fields.get(member));
            }
        }
        fields.forEach((name, value) -> {
            if (!body.has(name)) {
                body.set(name, value);
            }
        });
        return body;
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body as JSON, or null when it is empty or not JSON. */
    static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
