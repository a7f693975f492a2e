package io.integrationhub.messagetypes;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The message types served now: each {@code message-type:} route registers itself while it runs. */
public final class MessageTypeRegistry {

    private final Map<String, MessageTypeConsumer> served = new ConcurrentHashMap<>();

    void register(MessageTypeConsumer consumer) {
        String name = consumer.getEndpoint().getMessageType();
        MessageTypeConsumer existing = served.putIfAbsent(name, consumer);
        if (existing != null && existing != consumer) {
            throw new IllegalStateException("message_type '" + name + "' is already served by route "
                    + existing.getRouteId());
        }
    }

    void unregister(MessageTypeConsumer consumer) {
        served.remove(consumer.getEndpoint().getMessageType(), consumer);
    }

    public Optional<MessageTypeConsumer> find(String messageType) {
        return Optional.ofNullable(served.get(messageType));
    }

    /** The served message types, sorted: listed in a 422 for an unknown one. */
    public List<String> names() {
        return served.keySet().stream().sorted().toList();
    }
}
