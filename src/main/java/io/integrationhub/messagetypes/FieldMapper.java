package io.integrationhub.messagetypes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhub.message.Envelope;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a message's type route over its envelope and returns the mapped target fields. */
public final class FieldMapper {

    private static final Logger LOG = LoggerFactory.getLogger(FieldMapper.class);

    public static final String ENVELOPE = "hub.envelope";
    public static final String FIELDS = "hub.fields";
    /** The connector the message goes to: the file's, unless a {@code connector:} step picked another. */
    public static final String CONNECTOR = "hub.connector";
    public static final String RECEIVED_AT = "hub.received-at";

    private final CamelContext context;
    private final MessageTypeRegistry registry;
    private final Map<String, Consumer<Map<String, JsonNode>>> connectorChecks;

    /** {@code connectorChecks}: per connector, what its target demands of the mapped fields beyond the field map. */
    public FieldMapper(CamelContext context, MessageTypeRegistry registry,
                       Map<String, Consumer<Map<String, JsonNode>>> connectorChecks) {
        this.context = context;
        this.registry = registry;
        this.connectorChecks = Map.copyOf(connectorChecks);
    }

    /** The connector of the message's type; {@link UnknownMessageTypeException} when the type is not served. */
    public String connectorOf(String messageType) {
        return registry.find(messageType).map(c -> c.getEndpoint().getConnector())
                .orElseThrow(() -> unknownType(messageType));
    }

    /** The served type a request path names (its name or its file's id), if any. */
    public java.util.Optional<String> resolve(String nameOrId) {
        return registry.resolve(nameOrId);
    }

    /** The mode of a served type's second-generation messages (SPEC §3); asynchronous for an unknown type. */
    public String modeOf(String messageType) {
        return registry.find(messageType).map(c -> c.getEndpoint().getMode()).orElse(Envelope.ASYNCHRONOUS);
    }

    /** Whether the type's route has only field (and connector) steps; true for an unknown type (answered 422). */
    public static boolean runsOnlyFieldSteps(MessageTypeConsumer route) {
        return route == null || route.isFieldStepsOnly();
    }

    /**
     * The route serving a type now, or null. A request looks it up once and keeps it: while a file is reloaded, two
     * lookups may find two versions.
     */
    public MessageTypeConsumer serving(String messageType) {
        return registry.find(messageType).orElse(null);
    }

    private UnknownMessageTypeException unknownType(String messageType) {
        return new UnknownMessageTypeException(messageType, registry.names());
    }

    /**
     * Runs the message type's route over the message received at {@code receivedAt} (epoch ms); throws
     * {@link MappingException} for a payload the field map cannot map. The route's body is the message as a JSON
     * object (SPEC §5), so that Camel's languages read it; the field steps read the envelope.
     */
    public MappedMessage map(Envelope envelope, long receivedAt) {
        return map(envelope, receivedAt, serving(envelope.messageType()));
    }

    /** {@link #map(Envelope, long)} by the route a request found for its type ({@link #serving}). */
    public MappedMessage map(Envelope envelope, long receivedAt, MessageTypeConsumer consumer) {
        if (consumer == null) {
            throw unknownType(envelope.messageType());
        }
        Exchange exchange = new DefaultExchange(context);
        if (!consumer.isFieldStepsOnly()) {
            // Only a route with steps of its own reads the body: field steps read the envelope itself.
            exchange.getMessage().setBody(MessageBody.of(envelope));
        }
        exchange.setVariable(ENVELOPE, envelope);
        exchange.setVariable(RECEIVED_AT, receivedAt);
        exchange.setVariable(CONNECTOR, consumer.getEndpoint().getConnector());
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        exchange.setVariable(FIELDS, fields);
        try {
            // That route's own processor: sending to the endpoint would look the type up again.
            consumer.getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        Exception failure = exchange.getException();
        if (failure != null) {
            MappingException mapping = exchange.getException(MappingException.class);
            if (mapping != null) {
                throw mapping;
            }
            // Not the payload's fault as far as the hub can tell: ops see which route and what kind of failure.
            LOG.warn("message type route failed route={} message_type=\"{}\" exception={}", consumer.getRouteId(),
                    envelope.messageType(), failure.getClass().getName());
            throw new MappingException("(route)", "the message type's route failed: " + failure.getMessage());
        }
        String connector = exchange.getVariable(CONNECTOR, String.class);
        connectorChecks.getOrDefault(connector, f -> { }).accept(fields);
        return new MappedMessage(envelope.messageType(), connector, fields);
    }
}
