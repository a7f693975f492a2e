package io.integrationhub.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The canonical CreateMessage request of seed 000, whether it came as JSON or XML. {@code payload} holds JSON values
 * from a JSON body and strings, objects and arrays from an XML body; field maps convert both to the target's types.
 */
public record Envelope(
        ObjectNode payload,
        String integrationMode,
        String integrationPartner,
        String correlationId,
        String externalAction,
        String externalReference,
        String messageType) {

    public static final String ASYNCHRONOUS = "asynchronous";
    public static final String SYNCHRONOUS = "synchronous";

    public Envelope withMessageType(String type) {
        return type.equals(messageType) ? this : new Envelope(payload, integrationMode, integrationPartner,
                correlationId, externalAction, externalReference, type);
    }

    public Envelope withPayload(ObjectNode newPayload) {
        return new Envelope(newPayload, integrationMode, integrationPartner, correlationId, externalAction,
                externalReference, messageType);
    }

    public boolean synchronous() {
        return SYNCHRONOUS.equals(integrationMode);
    }

    /**
     * The value a field map's {@code {name}} placeholder names: an envelope field, or a path into the payload, or
     * null. A number step indexes a list; on anything else it takes the node as a one-element list (0 gives the
     * node, other numbers nothing), unless the node is an object with a member of that name, which it gives.
     */
    public JsonNode lookup(String[] path) {
        if (path.length == 0) {
            return null;
        }
        if (path[0].equals("payload")) {
            JsonNode node = payload;
            for (int i = 1; i < path.length && node != null; i++) {
                node = step(node, path[i]);
            }
            return node;
        }
        if (path.length > 1) {
            return null;
        }
        String value = switch (path[0]) {
            case "integrationmode" -> integrationMode;
            case "integrationPartner" -> integrationPartner;
            case "correlation_id" -> correlationId;
            case "external_action" -> externalAction;
            case "external_reference" -> externalReference;
            case "message_type" -> messageType;
            default -> null;
        };
        return value == null ? null : com.fasterxml.jackson.databind.node.TextNode.valueOf(value);
    }

    private static JsonNode step(JsonNode node, String name) {
        if (!isIndex(name) || node.isObject() && node.has(name)) {
            return node.get(name);
        }
        int index;
        try {
            index = Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return null; // beyond any list
        }
        if (node.isArray()) {
            return node.get(index);
        }
        // XML gives a lone repeatable element as itself, where JSON gives a one-element list
        return index == 0 ? node : null;
    }

    private static boolean isIndex(String name) {
        return !name.isEmpty() && name.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** The names a placeholder may start with. */
    public static boolean isKnownRoot(String name) {
        return switch (name) {
            case "payload", "integrationmode", "integrationPartner", "correlation_id", "external_action",
                 "external_reference", "message_type" -> true;
            default -> false;
        };
    }
}
