package io.integrationhub.messagetypes;

import java.util.Map;
import java.util.Set;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;

/**
 * {@code connector:<target>}: a step of a message type's route that sends the message to another target than the
 * file's default (SPEC §5), e.g. in one branch of a {@code choice}. The field steps after it map to that target: the
 * fields mapped before it, for the other target, are dropped.
 */
public class ConnectorComponent extends DefaultComponent {

    public static final String SCHEME = "connector";

    private final Set<String> connectors;

    public ConnectorComponent(Set<String> connectors) {
        this.connectors = Set.copyOf(connectors);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        String target = remaining.trim();
        if (!connectors.contains(target)) {
            throw new IllegalArgumentException("unknown connector '" + target + "': use one of "
                    + String.join(", ", connectors.stream().sorted().toList()));
        }
        return new DefaultEndpoint(uri, this) {
            @Override
            public Producer createProducer() {
                return new DefaultProducer(this) {
                    @Override
                    public void process(Exchange exchange) {
                        exchange.setVariable(FieldMapper.CONNECTOR, target);
                        exchange.getVariable(FieldMapper.FIELDS, Map.class).clear();
                    }
                };
            }

            @Override
            public Consumer createConsumer(Processor processor) {
                throw new IllegalStateException("connector: is a step of a message type's route, not its start");
            }
        };
    }
}
