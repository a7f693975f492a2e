package io.integrationhub.api;

import java.util.LinkedHashMap;
import java.util.Map;

import io.integrationhub.store.StoredMessage;

/** A message's status as the partner API and the ops API both show it (SPEC §3). */
public final class MessageStatusView {

    private MessageStatusView() {
    }

    public static Map<String, Object> fields(StoredMessage m) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("message_id", m.id());
        fields.put("status", m.status());
        fields.put("attempts", m.attempts());
        fields.put("next_attempt_at", "retrying".equals(m.status()) || "queued".equals(m.status())
                ? Timestamps.iso(m.nextAttemptAt()) : null);
        fields.put("last_error", m.lastError());
        fields.put("target_reference", m.targetReference());
        fields.put("received_at", Timestamps.iso(m.receivedAt()));
        fields.put("updated_at", Timestamps.iso(m.updatedAt()));
        return fields;
    }
}
