package io.integrationhub.messagetypes;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The message types served now: each {@code message-type:} route registers itself while it runs. */
public final class MessageTypeRegistry {

    private final Map<String, MessageTypeConsumer> served = new ConcurrentHashMap<>();
    // A type may be named in a path by its file's id too (SPEC §3): the file name without .yaml.
    private final Map<String, String> fileIds = new ConcurrentHashMap<>();

    /**
     * A route that starts serving a type takes it over: a file's new version is started while its old one still
     * serves, so that no request finds the type missing, and the old one then stops. Two files naming one type never
     * get this far (MessageTypeFiles refuses the second).
     */
    void register(MessageTypeConsumer consumer) {
        served.put(consumer.getEndpoint().getMessageType(), consumer);
    }

    void unregister(MessageTypeConsumer consumer) {
        served.remove(consumer.getEndpoint().getMessageType(), consumer);
    }

    void fileId(String id, String messageType) {
        if (messageType == null) {
            fileIds.remove(id);
        } else {
            fileIds.put(id, messageType);
        }
    }

    /** The served type a path names, by its name or its file's id. */
    public Optional<String> resolve(String nameOrId) {
        if (served.containsKey(nameOrId)) {
            return Optional.of(nameOrId);
        }
        String byId = fileIds.get(nameOrId);
        return byId != null && served.containsKey(byId) ? Optional.of(byId) : Optional.empty();
    }

    public Optional<MessageTypeConsumer> find(String messageType) {
        return Optional.ofNullable(served.get(messageType));
    }

    /** The served message types, sorted: listed in a 422 for an unknown one. */
    public List<String> names() {
        return served.keySet().stream().sorted().toList();
    }
}
