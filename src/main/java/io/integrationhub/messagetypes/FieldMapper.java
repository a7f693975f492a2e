package io.integrationhub.messagetypes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhub.inbound.ApiError;
import io.integrationhub.inbound.Envelope;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;

/** Runs a message's type route over its envelope and returns the mapped target fields. */
public final class FieldMapper {

    public static final String ENVELOPE = "hub.envelope";
    public static final String FIELDS = "hub.fields";

    private final CamelContext context;
    private final MessageTypeRegistry registry;
    private final ProducerTemplate template;
    private final Map<String, Consumer<Map<String, JsonNode>>> connectorChecks;

    /** {@code connectorChecks}: per connector, what its target demands of the mapped fields beyond the field map. */
    public FieldMapper(CamelContext context, MessageTypeRegistry registry,
                       Map<String, Consumer<Map<String, JsonNode>>> connectorChecks) {
        this.context = context;
        this.registry = registry;
        this.template = context.createProducerTemplate();
        this.connectorChecks = Map.copyOf(connectorChecks);
    }

    /** The connector of the message's type; 422 when the type is not served. */
    public String connectorOf(String messageType) {
        return registry.find(messageType).map(c -> c.getEndpoint().getConnector())
                .orElseThrow(() -> unknownType(messageType));
    }

    public ApiError unknownType(String messageType) {
        return new ApiError(422, "unknown_message_type", "Unknown message_type '" + messageType
                + "': use one of the message types this hub serves (listed in details).", registry.names());
    }

    /** Maps the envelope; throws {@link MappingException} for a payload the field map cannot map. */
    public MappedMessage map(Envelope envelope) {
        MessageTypeConsumer consumer = registry.find(envelope.messageType())
                .orElseThrow(() -> unknownType(envelope.messageType()));
        Exchange exchange = new DefaultExchange(context);
        exchange.setVariable(ENVELOPE, envelope);
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        exchange.setVariable(FIELDS, fields);
        template.send(consumer.getEndpoint(), exchange);
        Exception failure = exchange.getException();
        if (failure != null) {
            MappingException mapping = exchange.getException(MappingException.class);
            if (mapping != null) {
                throw mapping;
            }
            throw new MappingException("(route)", "the message type's route failed: " + failure.getMessage());
        }
        String connector = consumer.getEndpoint().getConnector();
        connectorChecks.getOrDefault(connector, f -> { }).accept(fields);
        return new MappedMessage(envelope.messageType(), connector, fields);
    }
}
