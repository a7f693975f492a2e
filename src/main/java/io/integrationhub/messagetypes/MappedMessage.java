package io.integrationhub.messagetypes;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a message type's field map made of a message: the connector it goes to and the target fields, in order. Kept
 * with the message as JSON ({@link #toJson}), so that delivery sends what was mapped at receipt.
 */
public record MappedMessage(String messageType, String connector, Map<String, JsonNode> fields) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public String toJson() {
        ObjectNode json = JSON.createObjectNode();
        json.put("connector", connector);
        json.set("fields", JSON.valueToTree(fields));
        return json.toString();
    }

    /** The mapping {@link #toJson} kept for a message of this type. */
    public static MappedMessage fromJson(String messageType, String json) {
        try {
            JsonNode stored = JSON.readTree(json);
            Map<String, JsonNode> fields = new LinkedHashMap<>();
            stored.get("fields").fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
            return new MappedMessage(messageType, stored.get("connector").asText(), fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored mapping is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
