package io.integrationhub.store;

/** One edit of a dead message's payload by ops (SPEC §7): who, when (epoch ms), why, and the payloads as JSON. */
public record PayloadRevision(int number, long at, String by, String reason, String before, String after) {
}
