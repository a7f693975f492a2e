package io.integrationhub.notify;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationhub.api.Timestamps;
import io.integrationhub.store.Notification;
import io.integrationhub.store.NotificationOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SPEC §7 notifications: which events are wanted ({@code hub.notify.events}) and what each says. A message event is
 * handed to the outcome's transaction by the delivery that records it; a lane event is stored by the sender's thread,
 * off the delivery's path. Off (every method a no-op) without {@code hub.notify.url}.
 */
public final class Notifications {

    public static final String MESSAGE_DEAD = "message.dead";
    public static final String MESSAGE_FAILED = "message.failed";
    public static final String LANE_DOWN = "lane.down";
    public static final String LANE_UP = "lane.up";
    public static final String ALL_EVENTS = String.join(",", MESSAGE_DEAD, MESSAGE_FAILED, LANE_DOWN, LANE_UP);

    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The fields of a message event's {@code message} object. */
    public record MessageFacts(String messageId, String partner, String messageType, String correlationId,
                               String externalReference, String target, int attempts, String lastError,
                               Integer targetStatus) {
    }

    private final Set<String> events;
    private final String publicUrl;
    private final NotificationOutbox outbox;
    private final Executor storing;

    /** {@code events} empty: notifications are off. */
    public Notifications(Set<String> events, String publicUrl, NotificationOutbox outbox, Executor storing) {
        this.events = Set.copyOf(events);
        this.publicUrl = publicUrl.replaceAll("/+$", "");
        this.outbox = outbox;
        this.storing = storing;
    }

    /** The events named in {@code hub.notify.events}; an unknown name stops the start, saying which are known. */
    public static Set<String> events(String setting) {
        Set<String> named = Arrays.stream(setting.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        Set<String> known = Set.of(ALL_EVENTS.split(","));
        for (String event : named) {
            if (!known.contains(event)) {
                throw new IllegalArgumentException("hub.notify.events: unknown event '" + event + "'; use any of "
                        + ALL_EVENTS);
            }
        }
        return named;
    }

    public static Notifications off() {
        return new Notifications(Set.of(), "http://localhost", null, Runnable::run);
    }

    /** The event for a message that went dead or failed, to store with its outcome; null when not wanted. */
    public Notification messageEvent(String type, MessageFacts m) {
        if (!events.contains(type)) {
            return null;
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("message_id", m.messageId());
        message.put("partner", m.partner());
        message.put("message_type", m.messageType());
        message.put("correlation_id", m.correlationId());
        message.put("external_reference", m.externalReference());
        message.put("target", m.target());
        message.put("attempts", m.attempts());
        message.put("last_error", m.lastError());
        message.put("target_status", m.targetStatus());
        Map<String, Object> body = event(type);
        body.put("message", message);
        body.put("target", m.target());
        body.put("link", publicUrl + "/ops#/messages/" + m.messageId());
        return notification(type, body);
    }

    /** A lane's circuit opened ({@code up} false) or closed: stored off the caller's thread. */
    public void laneChanged(String target, boolean up) {
        String type = up ? LANE_UP : LANE_DOWN;
        if (!events.contains(type)) {
            return;
        }
        Map<String, Object> body = event(type);
        body.put("target", target);
        body.put("link", publicUrl + "/ops");
        Notification n = notification(type, body);
        storing.execute(() -> {
            try {
                outbox.add(n);
            } catch (RuntimeException e) {
                LOG.warn("{} target={} not stored for notification: {}", type, target, e.getMessage());
            }
        });
    }

    private static Map<String, Object> event(String type) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("at", Timestamps.iso(System.currentTimeMillis()));
        return body;
    }

    private static Notification notification(String type, Map<String, Object> body) {
        try {
            return Notification.of("msg_" + UUID.randomUUID().toString().replace("-", ""), type,
                    JSON.writeValueAsString(body), System.currentTimeMillis());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
