package io.integrationhub.messagetypes;

import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/** Registers its route as the one serving a message type while the route runs. */
public class MessageTypeConsumer extends DefaultConsumer {

    // False until its file is loaded: a request that finds it meanwhile leaves the event loop, which is always safe.
    private volatile boolean fieldStepsOnly;

    MessageTypeConsumer(MessageTypeEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    /** Whether this route has only field and connector steps, the hub's own bounded work. */
    public boolean isFieldStepsOnly() {
        return fieldStepsOnly;
    }

    void fieldStepsOnly(boolean only) {
        fieldStepsOnly = only;
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
