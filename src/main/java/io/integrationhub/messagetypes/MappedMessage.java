package io.integrationhub.messagetypes;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** What a message type's field map made of a message: the connector it goes to and the target fields, in order. */
public record MappedMessage(String messageType, String connector, Map<String, JsonNode> fields) {
}
