package io.integrationhub.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationhub.SecretRedactor;
import io.integrationhub.api.ApiError;
import io.integrationhub.api.Timestamps;
import io.integrationhub.message.Envelope;
import io.integrationhub.message.EnvelopeReader;
import io.integrationhub.message.InvalidMessageException;
import io.integrationhub.messagetypes.MappingException;
import io.integrationhub.messagetypes.UnknownMessageTypeException;
import io.integrationhub.store.AttemptEntry;
import io.integrationhub.store.MessageLog;
import io.integrationhub.store.MessageStatus;
import io.integrationhub.store.MessageStore;
import io.integrationhub.store.PayloadRevision;
import io.integrationhub.store.StoredMessage;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SPEC §7, one message's whole story: the message with its payload (the latest revision), revisions and attempt log;
 * the edit of a dead message's payload; the preview of the request it would send now.
 */
public final class MessageStory {

    private static final Logger LOG = LoggerFactory.getLogger(MessageStory.class);
    private static final int MAX_ANSWER_CHARS = 2000;
    private static final int MAX_REASON_CHARS = 2000;

    private final MessageStore store;
    private final MessageLog log;
    private final SecretRedactor redactor;
    private final RequestPreview preview;
    private final String opsUser;

    public MessageStory(MessageStore store, MessageLog log, SecretRedactor redactor, RequestPreview preview,
                        String opsUser) {
        this.store = store;
        this.log = log;
        this.redactor = redactor;
        this.preview = preview;
        this.opsUser = opsUser;
    }

    public void get(Exchange exchange) {
        OpsApi.requireAdmin(exchange);
        OpsApi.write(exchange, 200, story(OpsApi.find(store, exchange)));
    }

    /** {"payload": {...}, "reason": "..."}: checked by the field map and the connector first, then stored. */
    public void editPayload(Exchange exchange) throws Exception {
        OpsApi.requireAdmin(exchange);
        StoredMessage m = OpsApi.find(store, exchange);
        if (!MessageStatus.DEAD.equals(m.status())) {
            throw new ApiError(409, "conflict", "Only a dead message's payload can be edited; this one is "
                    + m.status() + ".", List.of());
        }
        ObjectNode request;
        try {
            request = EnvelopeReader.readObject(exchange.getMessage().getBody(byte[].class));
        } catch (InvalidMessageException e) {
            throw ApiError.invalidBody("Send {\"payload\": {...}, \"reason\": \"...\"}: " + e.getMessage());
        }
        JsonNode payload = request.get("payload");
        JsonNode reason = request.get("reason");
        List<String> problems = new ArrayList<>();
        if (payload == null || !payload.isObject() || payload.isEmpty()) {
            problems.add("payload must be a non-empty object");
        }
        if (reason == null || !reason.isTextual() || reason.asText().isBlank()) {
            problems.add("reason must say why the payload is changed (it is kept with the revision)");
        } else if (reason.asText().length() > MAX_REASON_CHARS) {
            problems.add("reason must be at most " + MAX_REASON_CHARS + " characters");
        }
        if (!problems.isEmpty()) {
            throw ApiError.invalidBody("The edit is incomplete: " + String.join("; ", problems) + ".",
                    problems.toArray(String[]::new));
        }
        Envelope before = stored(m);
        Envelope after = before.withPayload((ObjectNode) payload);
        // The page shows secrets as ***: saved back as they are, they would replace the secret for good.
        String mask = io.integrationhub.connectors.TargetRequest.MASK;
        if (after.payload().toString().contains(mask) && !before.payload().toString().contains(mask)) {
            throw ApiError.invalidBody("The payload holds " + mask + " where the message had a secret: type the "
                    + "value itself.", "payload contains " + mask);
        }
        requestOf(m, after); // a payload the field map or the connector cannot take is refused, nothing stored
        long now = System.currentTimeMillis();
        if (!store.revise(m.id(), new PayloadRevision(0, now, opsUser, reason.asText().trim(),
                before.payload().toString(), after.payload().toString()))) {
            throw new ApiError(409, "conflict", "The message is no longer dead.", List.of());
        }
        LOG.info("edited message_id={} partner={} message_type=\"{}\" by={}", m.id(), m.partner(), m.messageType(),
                opsUser);
        OpsApi.write(exchange, 200, story(store.find(m.id()).orElseThrow()));
    }

    public void preview(Exchange exchange) throws Exception {
        OpsApi.requireAdmin(exchange);
        StoredMessage m = OpsApi.find(store, exchange);
        OpsApi.write(exchange, 200, new LinkedHashMap<>(requestOf(m, stored(m)).toMap()));
    }

    /** The stored message's envelope; one that no longer reads is a conflict of the message, not of the request. */
    private static Envelope stored(StoredMessage m) {
        try {
            return EnvelopeReader.readStored(m);
        } catch (InvalidMessageException e) {
            throw new ApiError(409, "conflict", "The stored message no longer reads: " + e.getMessage(), e.details());
        }
    }

    private io.integrationhub.connectors.TargetRequest requestOf(StoredMessage m, Envelope envelope)
            throws Exception {
        try {
            return preview.of(m, envelope);
        } catch (MappingException e) {
            throw new ApiError(422, "mapping_error", e.explained(m.messageType()), List.of(e.getMessage()));
        } catch (UnknownMessageTypeException e) {
            throw new ApiError(422, "unknown_message_type", "The message type '" + m.messageType()
                    + "' has no route file any more.", List.of());
        }
    }

    private Map<String, Object> story(StoredMessage m) {
        Map<String, Object> body = OpsApi.fields(m, redactor);
        body.put("payload", payloadOf(m));
        List<Map<String, Object>> revisions = new ArrayList<>();
        for (PayloadRevision r : log.revisions(m.id())) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("at", Timestamps.iso(r.at()));
            entry.put("by", r.by());
            entry.put("reason", redactor.redact(r.reason()));
            entry.put("before", redactedJson(r.before()));
            entry.put("after", redactedJson(r.after()));
            revisions.add(entry);
        }
        body.put("revisions", revisions);
        List<Map<String, Object>> attempts = new ArrayList<>();
        for (AttemptEntry a : log.attempts(m.id())) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("at", Timestamps.iso(a.at()));
            entry.put("outcome", a.outcome());
            entry.put("error", redactor.redact(a.error()));
            entry.put("target_status", a.targetStatus());
            entry.put("target_answer", truncate(redactor.redact(a.targetAnswer())));
            entry.put("instance", a.instance());
            attempts.add(entry);
        }
        body.put("attempt_log", attempts);
        return body;
    }

    /** The payload the message sends now (the latest revision), secrets redacted; null if it no longer reads. */
    private JsonNode payloadOf(StoredMessage m) {
        try {
            return redactedJson(EnvelopeReader.readStored(m).payload().toString());
        } catch (InvalidMessageException e) {
            return null;
        }
    }

    private JsonNode redactedJson(String json) {
        String clean = redactor.redact(json);
        try {
            return EnvelopeReader.readObject(clean.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (InvalidMessageException e) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(clean);
        }
    }

    private static String truncate(String text) {
        return text == null || text.length() <= MAX_ANSWER_CHARS ? text
                : text.substring(0, MAX_ANSWER_CHARS) + "… (truncated)";
    }
}
