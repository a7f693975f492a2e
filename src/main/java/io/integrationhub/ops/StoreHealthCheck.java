package io.integrationhub.ops;

import java.util.Map;

import io.integrationhub.store.MessageStore;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** UP while the store answers: without it the hub cannot take a message (it answers 503). */
public final class StoreHealthCheck extends AbstractHealthCheck {

    private final MessageStore store;
    private final String instanceId;

    public StoreHealthCheck(MessageStore store, String instanceId) {
        super("hub", "store");
        this.store = store;
        this.instanceId = instanceId;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("instance.id", instanceId);
        if (store.isReachable()) {
            builder.message("instance " + instanceId + ": the store answers").up();
        } else {
            builder.message("instance " + instanceId + ": the store does not answer").down();
        }
    }
}
