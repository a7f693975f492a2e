package io.integrationhub.messagetypes;

import org.apache.camel.Consumer;
import org.apache.camel.MultipleConsumersSupport;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.support.DefaultEndpoint;

/** One message type: its name and the connector its mapped fields go to. */
public class MessageTypeEndpoint extends DefaultEndpoint implements MultipleConsumersSupport {

    private final String messageType;
    private String connector;
    private String mode = "asynchronous";

    MessageTypeEndpoint(String uri, MessageTypeComponent component, String messageType) {
        super(uri, component);
        this.messageType = messageType;
    }

    /** A file's new version starts beside its old one, which stops once the new one serves (MessageTypeFiles). */
    @Override
    public boolean isMultipleConsumersSupported() {
        return true;
    }

    public String getMessageType() {
        return messageType;
    }

    public String getConnector() {
        return connector;
    }

    public void setConnector(String connector) {
        this.connector = connector;
    }

    /** How the second generation's messages of this type go (SPEC §3): asynchronous (the default) or synchronous. */
    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    @Override
    public MessageTypeComponent getComponent() {
        return (MessageTypeComponent) super.getComponent();
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        return new MessageTypeConsumer(this, processor);
    }

    /**
     * Nothing sends to a message type: the hub runs the route a request found (FieldMapper), and route files may not
     * send anywhere (RouteFileCheck).
     */
    @Override
    public Producer createProducer() {
        throw new RuntimeCamelException("Cannot produce to a message type: " + getEndpointUri()
                + " is run by the hub, not sent to");
    }
}
