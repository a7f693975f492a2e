package io.integrationhub.store;

/**
 * The outcome of one delivery attempt, written in one transaction: the message's new status, the attempt's log
 * entry and, on success, the External IDs the target returned.
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

    public DeliveryRecord(String messageId, String status, int attempts, Long nextAttemptAt, String outcome,
                          String error, String target, Integer targetStatus, String targetReference,
                          String targetResponse, String recordRef, String lastRef, long at) {
        this(messageId, status, attempts, nextAttemptAt, outcome, error, target, targetStatus, targetReference,
                targetResponse, recordRef, lastRef, at, false);
    }
}
