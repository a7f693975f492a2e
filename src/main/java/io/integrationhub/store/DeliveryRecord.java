package io.integrationhub.store;

/**
 * The outcome of one delivery attempt, written in one transaction: the message's new status, the attempt's log
 * entry and, on success, the External IDs the target returned. Built by name: {@link #attempt}, then
 * {@link #delivered} or {@link #failed}, then {@link #retryAt} and {@link #uncountedIf} where they apply.
 *
 * @param recordRef the target record this correlation key continues (kept from the first success), or null
 * @param lastRef   the id of the target record this attempt created (replaces the previous one), or null
 * @param uncounted the attempt does not count toward the retry limit (SPEC §4: made while the target's circuit was
 *                  not closed, or refused by its rate limit)
 */
public record DeliveryRecord(
        String messageId,
        String status,
        int attempts,
        Long nextAttemptAt,
        String outcome,
        String error,
        String target,
        Integer targetStatus,
        String targetReference,
        String targetResponse,
        String recordRef,
        String lastRef,
        long at,
        boolean uncounted) {

    /** Attempt {@code attempt} (0: none was made) of a message to a target, ended at {@code at}. */
    public static DeliveryRecord attempt(String messageId, int attempt, String target, long at) {
        return new DeliveryRecord(messageId, MessageStatus.PROCESSING, attempt, null, null, null, target, null, null,
                null, null, null, at, false);
    }

    /**
     * A synchronous message the field map or its connector could not map (SPEC §3: 422): failed, no attempt made, the
     * mapping error kept as its error.
     */
    public static DeliveryRecord unmapped(String messageId, String target, long at, String reason) {
        return attempt(messageId, 0, target, at).failed(MessageStatus.FAILED, "mapping_error", reason, null, null);
    }

    /** The target took the message: processed, with what it answered and the External IDs it gave. */
    public DeliveryRecord delivered(Integer status, String reference, String answer, String recordRef,
                                    String lastRef) {
        return new DeliveryRecord(messageId, MessageStatus.PROCESSED, attempts, null, "delivered", null, target,
                status, reference, answer, recordRef, lastRef, at, false);
    }

    /** The attempt failed ({@code outcome}: transient, not_tried, …); the message is now {@code status}. */
    public DeliveryRecord failed(String status, String outcome, String error, Integer targetStatus,
                                 String targetAnswer) {
        return new DeliveryRecord(messageId, status, attempts, null, outcome, error, target, targetStatus, null,
                targetAnswer, null, null, at, false);
    }

    /** When the next attempt is due (null: none). */
    public DeliveryRecord retryAt(Long next) {
        return new DeliveryRecord(messageId, status, attempts, next, outcome, error, target, targetStatus,
                targetReference, targetResponse, recordRef, lastRef, at, uncounted);
    }

    public DeliveryRecord uncountedIf(boolean notCounted) {
        return new DeliveryRecord(messageId, status, attempts, nextAttemptAt, outcome, error, target, targetStatus,
                targetReference, targetResponse, recordRef, lastRef, at, notCounted);
    }
}
