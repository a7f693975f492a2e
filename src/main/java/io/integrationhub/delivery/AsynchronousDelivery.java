package io.integrationhub.delivery;

import io.integrationhub.connectors.TargetReceipt;
import io.integrationhub.inbound.Envelope;
import io.integrationhub.inbound.EnvelopeReader;
import io.integrationhub.messagetypes.FieldMapper;
import io.integrationhub.messagetypes.MappedMessage;
import io.integrationhub.ops.HubMetrics;
import io.integrationhub.store.Claim;
import io.integrationhub.store.DeliveryRecord;
import io.integrationhub.store.MessageStatus;
import io.integrationhub.store.MessageStore;
import io.integrationhub.store.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one claimed asynchronous message and records the outcome: processed, retrying with its next attempt
 * time in the store (so a restart does not forget it and no thread waits for it), or dead.
 */
public final class AsynchronousDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(AsynchronousDelivery.class);

    private final org.apache.camel.CamelContext context;
    private final MessageStore store;
    private final FieldMapper mapper;
    private final DeliveryAttempt attempt;
    private final RetryPolicy retry;

    private final HubMetrics metrics;

    public AsynchronousDelivery(org.apache.camel.CamelContext context, MessageStore store, FieldMapper mapper,
                                DeliveryAttempt attempt, RetryPolicy retry, HubMetrics metrics) {
        this.metrics = metrics;
        this.context = context;
        this.store = store;
        this.mapper = mapper;
        this.attempt = attempt;
        this.retry = retry;
    }

    public void deliver(Claim claim) {
        StoredMessage message = claim.message();
        int attemptNo = claim.attempts() + 1;
        String target = message.target();
        long started = System.nanoTime();
        try {
            Envelope envelope = EnvelopeReader.readStored(message.bodyFormat(), message.body());
            MappedMessage mapped = mapper.map(envelope);
            target = mapped.connector();
            TargetReceipt receipt = attempt.send(message.id(), message.partner(), envelope, mapped);
            metrics.delivery(target, HubMetrics.DELIVERED, DeliveryAttempt.since(started));
            long now = System.currentTimeMillis();
            store.record(new DeliveryRecord(message.id(), MessageStatus.PROCESSED, attemptNo, null, "delivered", null,
                    target, receipt.status(), receipt.reference(), receipt.body(), receipt.recordRef(),
                    receipt.lastRef(), now), message.partner(), message.correlationId());
            LOG.info("delivered message_id={} partner={} message_type=\"{}\" correlation_id={} target={} attempt={}",
                    message.id(), message.partner(), message.messageType(), message.correlationId(), target,
                    attemptNo);
        } catch (Exception e) {
            if (!context.getStatus().isStarted()) {
                // The hub is stopping: the claim stays and the message is tried again after the restart.
                LOG.info("delivery interrupted by shutdown message_id={}", message.id());
                return;
            }
            Failure failure = e instanceof io.integrationhub.inbound.ApiError api
                    ? new Failure(Failure.Kind.PERMANENT, api.getMessage(), null, null, null) : attempt.classify(e);
            String outcome = recordFailure(message, claim, target, attemptNo, failure);
            metrics.delivery(target, outcome, DeliveryAttempt.since(started));
        }
    }

    /** Records a failed attempt; returns its metrics outcome, retry or dead. */
    private String recordFailure(StoredMessage message, Claim claim, String target, int attemptNo, Failure failure) {
        long now = System.currentTimeMillis();
        boolean retryable = failure.kind() != Failure.Kind.PERMANENT
                && retry.mayRetryAfter(claim.budgetUsedAfter(attemptNo));
        String status = retryable ? MessageStatus.RETRYING : MessageStatus.DEAD;
        Long next = retryable ? now + retry.delayAfter(claim.budgetUsedAfter(attemptNo), failure.retryAfterMs()) : null;
        store.record(new DeliveryRecord(message.id(), status, attemptNo, next,
                failure.kind().name().toLowerCase(java.util.Locale.ROOT), failure.error(), target,
                failure.targetStatus(), null, failure.targetAnswer(), null, null, now),
                message.partner(), message.correlationId());
        if (retryable) {
            LOG.warn("retry scheduled message_id={} partner={} message_type=\"{}\" correlation_id={} target={} "
                    + "attempt={} next_attempt_in_ms={} error=\"{}\"", message.id(), message.partner(),
                    message.messageType(), message.correlationId(), target, attemptNo, next - now, failure.error());
        } else {
            LOG.error("dead message_id={} partner={} message_type=\"{}\" correlation_id={} target={} attempt={} "
                    + "error=\"{}\"", message.id(), message.partner(), message.messageType(),
                    message.correlationId(), target, attemptNo, failure.error());
        }
        return retryable ? HubMetrics.RETRY : HubMetrics.DEAD;
    }
}
