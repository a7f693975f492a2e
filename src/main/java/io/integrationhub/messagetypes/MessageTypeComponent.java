package io.integrationhub.messagetypes;

import java.util.Map;
import java.util.Set;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code message-type:<message_type>?connector=<target>}: the start of a message type's route. While the route runs,
 * messages whose {@code message_type} is that name are mapped by its steps and sent to that connector.
 */
public class MessageTypeComponent extends DefaultComponent {

    public static final String SCHEME = "message-type";

    private static final Set<String> MODES = Set.of("asynchronous", "synchronous");

    private final MessageTypeRegistry registry;
    private final Set<String> connectors;

    public MessageTypeComponent(MessageTypeRegistry registry, Set<String> connectors) {
        this.registry = registry;
        this.connectors = Set.copyOf(connectors);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        String name = java.net.URLDecoder.decode(remaining, java.nio.charset.StandardCharsets.UTF_8).trim();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("A message-type endpoint names its message_type: "
                    + "message-type:<message_type>?connector=<target>");
        }
        MessageTypeEndpoint endpoint = new MessageTypeEndpoint(uri, this, name);
        setProperties(endpoint, parameters);
        if (!parameters.isEmpty()) {
            throw new IllegalArgumentException("message-type:" + name + " has unknown parameter(s) "
                    + String.join(", ", parameters.keySet()) + ": it takes connector and mode");
        }
        if (endpoint.getConnector() == null || !connectors.contains(endpoint.getConnector())) {
            throw new IllegalArgumentException(endpoint.getConnector() == null
                    ? "message-type:" + name + " names no connector: add connector: one of "
                    + String.join(", ", connectors.stream().sorted().toList())
                    : "unknown connector '" + endpoint.getConnector() + "': use one of "
                    + String.join(", ", connectors.stream().sorted().toList()));
        }
        if (!MODES.contains(endpoint.getMode())) {
            throw new IllegalArgumentException("message-type:" + name + " has mode '" + endpoint.getMode()
                    + "': use asynchronous or synchronous");
        }
        return endpoint;
    }

    MessageTypeRegistry registry() {
        return registry;
    }
}
