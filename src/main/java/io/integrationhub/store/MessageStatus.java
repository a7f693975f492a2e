package io.integrationhub.store;

/** The statuses of SPEC §3, as stored and as shown. */
public final class MessageStatus {
    public static final String QUEUED = "queued";
    public static final String PROCESSING = "processing";
    public static final String RETRYING = "retrying";
    public static final String PROCESSED = "processed";
    public static final String DEAD = "dead";
    public static final String FAILED = "failed";

    private MessageStatus() {
    }

    /** Whether a message in this status still holds back the later messages of its key (SPEC §4). */
    public static boolean isOpen(String status) {
        return QUEUED.equals(status) || PROCESSING.equals(status) || RETRYING.equals(status);
    }
}
