package io.integrationhub.store;

/** One delivery attempt as the message log keeps it, with the instance that made it. */
public record AttemptEntry(int attemptNo, long at, String outcome, String error, Integer targetStatus,
                           String targetAnswer, String instance) {
}
