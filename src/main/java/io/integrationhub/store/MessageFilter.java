package io.integrationhub.store;

/** What the ops API searches the message log by; null means any. Times are epoch milliseconds of receipt. */
public record MessageFilter(String status, String partner, String messageType, String correlationId,
                            String externalReference, Long from, Long to) {

    public static MessageFilter deadOf(String partner, String messageType) {
        return new MessageFilter(MessageStatus.DEAD, partner, messageType, null, null, null, null);
    }
}
