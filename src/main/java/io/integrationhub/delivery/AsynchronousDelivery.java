package io.integrationhub.delivery;

import java.util.function.BooleanSupplier;

import io.integrationhub.connectors.TargetReceipt;
import io.integrationhub.message.Envelope;
import io.integrationhub.message.EnvelopeReader;
import io.integrationhub.messagetypes.FieldMapper;
import io.integrationhub.messagetypes.MappedMessage;
import io.integrationhub.messagetypes.UnknownMessageTypeException;
import io.integrationhub.message.InvalidMessageException;
import io.integrationhub.notify.Notifications;
import io.integrationhub.ops.HubMetrics;
import io.integrationhub.store.Claim;
import io.integrationhub.store.DeliveryRecord;
import io.integrationhub.store.MessageStatus;
import io.integrationhub.store.MessageStore;
import io.integrationhub.store.Notification;
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
    private final TargetCircuits circuits;
    private final Notifications notifications;

    public AsynchronousDelivery(org.apache.camel.CamelContext context, MessageStore store, FieldMapper mapper,
                                DeliveryAttempt attempt, RetryPolicy retry, HubMetrics metrics,
                                TargetCircuits circuits, Notifications notifications) {
        this.notifications = notifications;
        this.metrics = metrics;
        this.circuits = circuits;
        this.context = context;
        this.store = store;
        this.mapper = mapper;
        this.attempt = attempt;
        this.retry = retry;
    }

    /**
     * Delivers the claimed message; once it is delivered, {@code mayTakeNext} is asked whether the caller can deliver
     * the next message of its key too, and if so that message is claimed with the outcome ({@link
     * MessageStore#recordAndClaimNext}) and returned. Null when nothing was claimed.
     */
    Claim deliver(Claim claim, BooleanSupplier mayTakeNext) {
        StoredMessage message = claim.message();
        int attemptNo = claim.attempts() + 1;
        String target = message.target();
        TargetCircuit circuit = circuits.of(target);
        // SPEC §4: only tries made while the circuit is closed count toward hub.retry.max-attempts.
        TargetCircuit.Ticket ticket = circuit == null ? null : circuit.ticket();
        boolean counted = ticket == null || ticket.counted();
        long started = System.nanoTime();
        try {
            Envelope envelope = EnvelopeReader.readStored(message);
            MappedMessage mapped = mappedOf(message, envelope);
            target = mapped.connector();
            // The claim's External IDs are those of the message's lane; a replay mapped anew may name another target.
            TargetReceipt receipt = attempt.send(message.id(), message.partner(), envelope, mapped,
                    target.equals(message.target()) ? claim.knownIds() : null);
            if (circuit != null) {
                circuit.answered(ticket, System.nanoTime() - started);
            }
            return delivered(message, target, attemptNo, receipt, started, mayTakeNext);
        } catch (Exception e) {
            if (!context.getStatus().isStarted()) {
                // The hub is stopping: the claim stays and the message is tried again after the restart.
                LOG.info("delivery interrupted by shutdown message_id={}", message.id());
                return null;
            }
            // A stored message that no longer reads or whose type is gone: no retry makes it deliverable.
            Failure failure = e instanceof UnknownMessageTypeException || e instanceof InvalidMessageException
                    ? new Failure(Failure.Kind.PERMANENT, e.getMessage(), null, null, null) : attempt.classify(e);
            long now = System.currentTimeMillis();
            long ratePauseMs = failure.retryAfterMs() != null ? Math.min(failure.retryAfterMs(), retry.maxDelayMs())
                    : retry.delayAfter(Math.max(1, claim.budgetUsedAfter(attemptNo)), null);
            if (circuit != null) {
                circuit.record(ticket, failure, System.nanoTime() - started, ratePauseMs, now);
            }
            boolean uncounted = !counted || failure.kind() == Failure.Kind.RATE_LIMITED;
            String outcome = recordFailure(message, claim, target, attemptNo, failure, uncounted, ratePauseMs, now);
            metrics.delivery(target, outcome, DeliveryAttempt.since(started));
            return null;
        }
    }

    /** Mapped at receipt; a message stored before mappings were kept, or replayed, is mapped now. */
    private MappedMessage mappedOf(StoredMessage message, Envelope envelope) {
        return message.mapped() != null ? MappedMessage.fromJson(message.messageType(), message.mapped())
                : mapper.map(envelope, message.receivedAt());
    }

    private Claim delivered(StoredMessage message, String target, int attemptNo, TargetReceipt receipt,
                            long started, BooleanSupplier mayTakeNext) {
        metrics.delivery(target, HubMetrics.DELIVERED, DeliveryAttempt.since(started));
        DeliveryRecord record = DeliveryRecord.attempt(message.id(), attemptNo, target, System.currentTimeMillis())
                .delivered(receipt.status(), receipt.reference(), receipt.body(), receipt.recordRef(),
                        receipt.lastRef());
        Claim next = null;
        if (mayTakeNext.getAsBoolean()) {
            next = store.recordAndClaimNext(record, message.partner(), message.correlationId(), target)
                    .orElse(null);
        } else {
            store.record(record, message.partner(), message.correlationId());
        }
        LOG.info("delivered message_id={} partner={} message_type=\"{}\" correlation_id={} target={} attempt={}",
                message.id(), message.partner(), message.messageType(), message.correlationId(), target, attemptNo);
        return next;
    }

    /**
     * Records a failed attempt; returns its metrics outcome, retry or dead. An uncounted attempt (the circuit was not
     * closed, or the target limited its rate) is retried whatever the budget, and does not use it up.
     */
    private String recordFailure(StoredMessage message, Claim claim, String target, int attemptNo, Failure failure,
                                 boolean uncounted, long ratePauseMs, long now) {
        int budgetUsed = claim.budgetUsedAfter(attemptNo) - (uncounted ? 1 : 0);
        boolean retryable = failure.kind() != Failure.Kind.PERMANENT && (uncounted || retry.mayRetryAfter(budgetUsed));
        String status = retryable ? MessageStatus.RETRYING : MessageStatus.DEAD;
        long delay = failure.kind() == Failure.Kind.RATE_LIMITED ? ratePauseMs
                : retry.delayAfter(Math.max(1, budgetUsed), failure.retryAfterMs());
        Long next = retryable ? now + delay : null;
        Notification dead = retryable ? null : notifications.messageEvent(Notifications.MESSAGE_DEAD,
                new Notifications.MessageFacts(message.id(), message.partner(), message.messageType(),
                        message.correlationId(), message.externalReference().isEmpty() ? null
                        : message.externalReference(), target, attemptNo, failure.error(), failure.targetStatus()));
        store.record(DeliveryRecord.attempt(message.id(), attemptNo, target, now)
                        .failed(status, failure.outcome(), failure.error(), failure.targetStatus(),
                                failure.targetAnswer()).retryAt(next).uncountedIf(uncounted),
                message.partner(), message.correlationId(), dead);
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
