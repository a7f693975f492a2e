package io.integrationhub.delivery;

import io.integrationhub.connectors.TargetRequest;
import io.integrationhub.message.Envelope;
import io.integrationhub.messagetypes.FieldMapper;
import io.integrationhub.messagetypes.MappedMessage;
import io.integrationhub.ops.RequestPreview;
import io.integrationhub.store.MessageStatus;
import io.integrationhub.store.StoredMessage;

/**
 * The request a stored message would send now, for ops (SPEC §7): mapped as delivery maps it — the mapping kept at
 * receipt, or for a dead message the one a replay makes (the route file in force now, the latest revision) — and
 * built by {@link DeliveryAttempt#preview}, the connector's own request step, with the key's current External IDs.
 */
public final class StoredRequestPreview implements RequestPreview {

    private final FieldMapper mapper;
    private final DeliveryAttempt attempt;

    public StoredRequestPreview(FieldMapper mapper, DeliveryAttempt attempt) {
        this.mapper = mapper;
        this.attempt = attempt;
    }

    @Override
    public TargetRequest of(StoredMessage message, Envelope envelope) throws Exception {
        boolean keptMapping = message.mapped() != null && !MessageStatus.DEAD.equals(message.status());
        MappedMessage mapped = keptMapping ? MappedMessage.fromJson(message.messageType(), message.mapped())
                : mapper.map(envelope, message.receivedAt());
        return attempt.preview(message.partner(), envelope, mapped);
    }
}
