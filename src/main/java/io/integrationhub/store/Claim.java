package io.integrationhub.store;

/**
 * A queued message this instance has claimed for delivery: {@code attempts} counts the attempts made before, and
 * {@code retryBase} those made before its last replay, which no longer count against the retry limit.
 */
public record Claim(String messageId, int attempts, int retryBase) {

    /** The attempts that count against the retry limit, once this attempt is made. */
    public int budgetUsedAfter(int attemptNo) {
        return attemptNo - retryBase;
    }
}
