package io.integrationhub.ops;

import io.integrationhub.connectors.TargetRequest;
import io.integrationhub.message.Envelope;
import io.integrationhub.store.StoredMessage;

/**
 * The request a stored message's connector would send now for an envelope, built by the code that sends it and not
 * sent (credentials masked); a field map or connector that cannot take it throws its MappingException. Delivery
 * provides it: ops does not reach into delivery.
 */
@FunctionalInterface
public interface RequestPreview {

    TargetRequest of(StoredMessage message, Envelope envelope) throws Exception;
}
