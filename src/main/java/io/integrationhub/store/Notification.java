package io.integrationhub.store;

/**
 * An event for the notification receiver (SPEC §7), as stored in the outbox: its id (the webhook-id of every try),
 * type, JSON body, when it was made and how many tries it has had.
 */
public record Notification(String id, String type, String body, long createdAt, int attempts) {

    public static Notification of(String id, String type, String body, long createdAt) {
        return new Notification(id, type, body, createdAt, 0);
    }
}
