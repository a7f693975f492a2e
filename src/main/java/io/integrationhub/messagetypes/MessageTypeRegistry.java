package io.integrationhub.messagetypes;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/** The message types served now: each {@code message-type:} route registers itself while it runs. */
public final class MessageTypeRegistry {

    private final Map<String, MessageTypeConsumer> served = new ConcurrentHashMap<>();
    // A file's new version replaces its route (stop, then start): lookups wait for the swap instead of finding the
    // type missing in between and answering 422 to a partner.
    private final ReadWriteLock swap = new ReentrantReadWriteLock();

    /** Runs a change of the served routes that lookups must not see half done. */
    void swapping(Runnable change) {
        swap.writeLock().lock();
        try {
            change.run();
        } finally {
            swap.writeLock().unlock();
        }
    }

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
        swap.readLock().lock();
        try {
            return Optional.ofNullable(served.get(messageType));
        } finally {
            swap.readLock().unlock();
        }
    }

    /** The served message types, sorted: listed in a 422 for an unknown one. */
    public List<String> names() {
        return served.keySet().stream().sorted().toList();
    }
}
