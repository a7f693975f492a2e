package io.integrationhub.messagetypes;

import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/** Registers its route as the one serving a message type while the route runs. */
public class MessageTypeConsumer extends DefaultConsumer {

    MessageTypeConsumer(MessageTypeEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    public MessageTypeEndpoint getEndpoint() {
        return (MessageTypeEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        getEndpoint().getComponent().registry().register(this);
    }

    @Override
    protected void doStop() throws Exception {
        getEndpoint().getComponent().registry().unregister(this);
        super.doStop();
    }
}
