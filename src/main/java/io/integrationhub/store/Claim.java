package io.integrationhub.store;

/**
 * A queued message this instance has claimed for delivery, as the claim read it: {@code message.attempts()} counts
 * the attempts made before, and {@code retryBase} those made before its last replay, which no longer count against
 * the retry limit. The claim reads the whole row (it reads the row to check it anyway), so that a worker need not
 * read it again; on PostgreSQL also {@code knownIds}, the External IDs of the message's key at its target (both refs
 * null: none yet). Null where the claim did not read them (H2, whose reads are cheap): the delivery reads them.
 */
public record Claim(StoredMessage message, int retryBase, ExternalIds knownIds) {

    public String messageId() {
        return message.id();
    }

    /** The attempts made before this one. */
    public int attempts() {
        return message.attempts();
    }

    /** The attempts that count against the retry limit, once this attempt is made. */
    public int budgetUsedAfter(int attemptNo) {
        return attemptNo - retryBase;
    }
}
