package io.integrationhub.delivery;

import io.integrationhub.connectors.TargetReceipt;
import io.integrationhub.message.Envelope;
import io.integrationhub.messagetypes.MappedMessage;
import io.integrationhub.messagetypes.MappingException;
import io.integrationhub.notify.Notifications;
import io.integrationhub.ops.HubMetrics;
import io.integrationhub.store.DeliveryRecord;
import io.integrationhub.store.MessageStatus;
import io.integrationhub.store.MessageStore;
import io.integrationhub.store.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Synchronous mode (SPEC §4): delivered while the partner waits. A transient error other than a timeout is tried
 * again after 200 ms and after 400 ms; a timeout is not; the last attempt decides. The outcome is recorded; a failed
 * message is {@code failed}, not dead-lettered, since the partner was told.
 */
public final class SynchronousDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(SynchronousDelivery.class);
    private static final long[] QUICK_RETRY_DELAYS_MS = {200, 400};

    /**
     * The outcome the partner is answered with: a receipt, or the last attempt's failure, or (with
     * {@code retryAfterSeconds}) not tried at all because the target's circuit is open or its lane paused, or (with
     * {@code unmapped}) not sent because the connector could not complete the field map.
     */
    public record Result(String messageId, TargetReceipt receipt, Failure failure, Long retryAfterSeconds,
                         MappingException unmapped) {

        Result(String messageId, TargetReceipt receipt, Failure failure) {
            this(messageId, receipt, failure, null, null);
        }
    }

    private final MessageStore store;
    private final DeliveryAttempt attempt;
    private final HeldClaims held;
    private final HubMetrics metrics;
    private final TargetCircuits circuits;
    private final Notifications notifications;

    public SynchronousDelivery(MessageStore store, DeliveryAttempt attempt, HeldClaims held, HubMetrics metrics,
                               TargetCircuits circuits, Notifications notifications) {
        this.circuits = circuits;
        this.notifications = notifications;
        this.store = store;
        this.attempt = attempt;
        this.held = held;
        this.metrics = metrics;
    }

    /** Delivers a message already stored as {@code processing}, claimed by this instance. */
    public Result deliver(String messageId, String partner, Envelope envelope, MappedMessage mapped) {
        held.hold(messageId);
        try {
            return deliverHeld(messageId, partner, envelope, mapped);
        } finally {
            held.letGo(messageId);
        }
    }

    private Result deliverHeld(String messageId, String partner, Envelope envelope, MappedMessage mapped) {
        TargetCircuit circuit = circuits.of(mapped.connector());
        if (circuit != null && !circuit.admitsSynchronous(System.currentTimeMillis())) {
            return notTried(messageId, partner, envelope, mapped, circuit);
        }
        // A plain loop rather than a Camel redelivery policy: the partner is waiting on this thread, two short
        // fixed waits are the whole policy, and the kind of the last failure picks the answer.
        for (int attemptNo = 1; ; attemptNo++) {
            if (circuit != null) {
                circuit.awaitRate();
            }
            TargetCircuit.Ticket ticket = circuit == null ? null : circuit.ticket();
            long started = System.nanoTime();
            try {
                TargetReceipt receipt = attempt.send(messageId, partner, envelope, mapped);
                if (circuit != null) {
                    circuit.answered(ticket, System.nanoTime() - started);
                }
                return delivered(messageId, partner, envelope, mapped, attemptNo, receipt, started);
            } catch (MappingException e) {
                if (circuit != null) {
                    circuit.notTried(ticket);
                }
                return unmapped(messageId, partner, envelope, mapped, e);
            } catch (Exception e) {
                Failure failure = attempt.classify(e);
                long now = System.currentTimeMillis();
                if (circuit != null) {
                    circuit.record(ticket, failure, System.nanoTime() - started,
                            failure.retryAfterMs() == null ? QUICK_RETRY_DELAYS_MS[0] : failure.retryAfterMs(), now);
                }
                // No quick retry once the circuit opened or the target limited its rate: the partner is told now.
                boolean again = failure.kind() == Failure.Kind.TRANSIENT && attemptNo <= QUICK_RETRY_DELAYS_MS.length
                        && (circuit == null || circuit.admitsSynchronous(now));
                failed(messageId, partner, envelope, mapped, attemptNo, failure, again, started);
                if (!again) {
                    return new Result(messageId, null, failure);
                }
                pause(QUICK_RETRY_DELAYS_MS[attemptNo - 1]);
            }
        }
    }

    /** Records a failed attempt: the last one (failed), or one the partner's wait goes on after (processing). */
    private void failed(String messageId, String partner, Envelope envelope, MappedMessage mapped, int attemptNo,
                        Failure failure, boolean again, long started) {
        metrics.delivery(mapped.connector(), again ? HubMetrics.RETRY : HubMetrics.FAILED,
                DeliveryAttempt.since(started));
        store.record(DeliveryRecord.attempt(messageId, attemptNo, mapped.connector(), System.currentTimeMillis())
                .failed(again ? MessageStatus.PROCESSING : MessageStatus.FAILED, failure.outcome(), failure.error(),
                        failure.targetStatus(), failure.targetAnswer()), partner, envelope.correlationId(),
                again ? null : failedEvent(messageId, partner, envelope, mapped.connector(), attemptNo, failure.error(),
                        failure.targetStatus()));
        if (!again) {
            LOG.warn("failed message_id={} partner={} message_type=\"{}\" correlation_id={} target={} attempt={} "
                    + "mode=synchronous error=\"{}\"", messageId, partner, envelope.messageType(),
                    envelope.correlationId(), mapped.connector(), attemptNo, failure.error());
        }
    }

    private Result delivered(String messageId, String partner, Envelope envelope, MappedMessage mapped, int attemptNo,
                             TargetReceipt receipt, long started) {
        metrics.delivery(mapped.connector(), HubMetrics.DELIVERED, DeliveryAttempt.since(started));
        store.record(DeliveryRecord.attempt(messageId, attemptNo, mapped.connector(), System.currentTimeMillis())
                .delivered(receipt.status(), receipt.reference(), receipt.body(), receipt.recordRef(),
                        receipt.lastRef()), partner, envelope.correlationId());
        LOG.info("delivered message_id={} partner={} message_type=\"{}\" correlation_id={} target={} attempt={} "
                + "mode=synchronous", messageId, partner, envelope.messageType(), envelope.correlationId(),
                mapped.connector(), attemptNo);
        return new Result(messageId, receipt, null);
    }

    /** SPEC §7 message.failed, stored with the outcome; null when not wanted. */
    private Notification failedEvent(String messageId, String partner, Envelope envelope, String target,
                                     int attempts, String error, Integer targetStatus) {
        return notifications.messageEvent(Notifications.MESSAGE_FAILED, new Notifications.MessageFacts(messageId,
                partner, envelope.messageType(), envelope.correlationId(), envelope.externalReference(), target,
                attempts, error, targetStatus));
    }

    /** SPEC §4: the target's circuit is open (or its lane paused): not tried, recorded as failed, 503. */
    private Result notTried(String messageId, String partner, Envelope envelope, MappedMessage mapped,
                            TargetCircuit circuit) {
        long now = System.currentTimeMillis();
        String why = "not tried: the " + mapped.connector() + " " + circuit.refusal(now);
        store.record(DeliveryRecord.attempt(messageId, 0, mapped.connector(), now)
                .failed(MessageStatus.FAILED, "not_tried", why, null, null), partner, envelope.correlationId(),
                failedEvent(messageId, partner, envelope, mapped.connector(), 0, why, null));
        metrics.delivery(mapped.connector(), HubMetrics.FAILED, java.time.Duration.ZERO);
        LOG.warn("failed message_id={} partner={} message_type=\"{}\" correlation_id={} target={} mode=synchronous "
                + "error=\"{}\"", messageId, partner, envelope.messageType(), envelope.correlationId(),
                mapped.connector(), why);
        return new Result(messageId, null, new Failure(Failure.Kind.TRANSIENT, why, null, null, null),
                circuit.retryAfterSeconds(now), null);
    }

    /**
     * SPEC §3: the connector's step could not complete the field map (e.g. a ticket message whose key names no known
     * ticket), so nothing was sent: recorded as failed without an attempt, the partner gets the 422.
     */
    private Result unmapped(String messageId, String partner, Envelope envelope, MappedMessage mapped,
                            MappingException e) {
        store.record(DeliveryRecord.unmapped(messageId, mapped.connector(), System.currentTimeMillis(),
                e.getMessage()), partner, envelope.correlationId(), failedEvent(messageId, partner, envelope,
                mapped.connector(), 0, e.getMessage(), null));
        metrics.delivery(mapped.connector(), HubMetrics.FAILED, java.time.Duration.ZERO);
        LOG.warn("failed message_id={} partner={} message_type=\"{}\" correlation_id={} target={} mode=synchronous "
                + "error=\"mapping error: {}\"", messageId, partner, envelope.messageType(), envelope.correlationId(),
                mapped.connector(), e.getMessage());
        return new Result(messageId, null, null, null, e);
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
