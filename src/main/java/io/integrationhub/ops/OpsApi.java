package io.integrationhub.ops;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationhub.SecretRedactor;
import io.integrationhub.api.Answer;
import io.integrationhub.api.AnswerWriter;
import io.integrationhub.api.ApiError;
import io.integrationhub.api.Caller;
import io.integrationhub.api.MessageStatusView;
import io.integrationhub.message.BodyFormat;
import io.integrationhub.message.PartnerIds;
import io.integrationhub.store.MessageFilter;
import io.integrationhub.store.MessageLog;
import io.integrationhub.store.MessageStatus;
import io.integrationhub.store.MessageStore;
import io.integrationhub.store.Replay;
import io.integrationhub.store.StoredMessage;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SPEC §7 ops API: the message log, dead letters and their replay, deletion (one message's story: MessageStory). */
public final class OpsApi {

    private static final Logger LOG = LoggerFactory.getLogger(OpsApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;
    private static final Set<String> STATUSES = Set.of(MessageStatus.QUEUED, MessageStatus.PROCESSING,
            MessageStatus.RETRYING, MessageStatus.PROCESSED, MessageStatus.DEAD, MessageStatus.FAILED);

    private final MessageStore store;
    private final MessageLog log;
    private final SecretRedactor redactor;
    private final Runnable onReplayed;

    public OpsApi(MessageStore store, MessageLog log, SecretRedactor redactor, Runnable onReplayed) {
        this.store = store;
        this.log = log;
        this.redactor = redactor;
        this.onReplayed = onReplayed;
    }

    public void listMessages(Exchange exchange) {
        list(exchange, null);
    }

    public void listDeadLetters(Exchange exchange) {
        list(exchange, MessageStatus.DEAD);
    }

    private void list(Exchange exchange, String fixedStatus) {
        requireAdmin(exchange);
        var in = exchange.getMessage();
        String status = fixedStatus != null ? fixedStatus : param(exchange, "status");
        if (status != null && !STATUSES.contains(status)) {
            throw ApiError.invalidBody("status must be one of " + STATUSES.stream().sorted().toList() + ".");
        }
        MessageFilter filter = new MessageFilter(status, partnerId(param(exchange, "partner")),
                param(exchange, "message_type"), param(exchange, "correlation_id"),
                param(exchange, "external_reference"), time(exchange, "from"), time(exchange, "to"));
        int limit = number(exchange, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = number(exchange, "offset", 0, 0, Integer.MAX_VALUE);
        MessageLog.Page page = log.search(filter, limit, offset);
        List<Map<String, Object>> items = new ArrayList<>();
        page.items().forEach(m -> items.add(message(m)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("total", page.total());
        in.removeHeaders("*");
        write(exchange, 200, body);
    }

    /** For the dashboard: queue depth by status, and messages received per message type and target lately. */
    public void stats(Exchange exchange) {
        requireAdmin(exchange);
        int minutes = number(exchange, "minutes", 30, 1, 24 * 60);
        List<Map<String, Object>> rates = new ArrayList<>();
        for (MessageLog.Rate r : log.receivedSince(System.currentTimeMillis() - minutes * 60_000L)) {
            Map<String, Object> rate = new LinkedHashMap<>();
            rate.put("message_type", r.messageType());
            rate.put("target", r.target());
            rate.put("count", r.count());
            rates.add(rate);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("minutes", minutes);
        body.put("queue_depth", store.countOpenAndFinished());
        body.put("rates", rates);
        write(exchange, 200, body);
    }

    public void deleteMessage(Exchange exchange) {
        requireAdmin(exchange);
        StoredMessage m = find(exchange);
        if (!log.deleteFinished(m.id())) {
            throw new ApiError(409, "conflict", "Only a dead or failed message can be deleted; this one is "
                    + m.status() + ".", List.of());
        }
        LOG.info("deleted message_id={} partner={} message_type=\"{}\" status={}", m.id(), m.partner(),
                m.messageType(), m.status());
        var out = exchange.getMessage();
        out.getHeaders().clear();
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
        out.setBody(null);
    }

    public void replayOne(Exchange exchange) {
        requireAdmin(exchange);
        StoredMessage m = find(exchange);
        if (!MessageStatus.DEAD.equals(m.status())) {
            throw new ApiError(409, "conflict", "Only a dead message can be replayed; this one is " + m.status()
                    + ".", List.of());
        }
        Replay replay = replay(List.of(m.id()));
        if (replay.replayed() == 0) {
            throw new ApiError(409, "conflict", "The message is no longer dead.", List.of());
        }
        write(exchange, 202, Map.of("replayed", 1));
    }

    /** A partner filter as ops type it, by name ("Acme Corp.") or id, is the id messages are stored under. */
    private static String partnerId(String partner) {
        return partner == null ? null : PartnerIds.of(partner);
    }

    /** Body {"message_ids": [...]} or a filter {"message_type": ..., "partner": ...}. */
    public void replayMany(Exchange exchange) {
        requireAdmin(exchange);
        JsonNode request;
        try {
            byte[] bytes = exchange.getMessage().getBody(byte[].class);
            request = bytes == null || bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
        } catch (java.io.IOException e) {
            throw ApiError.invalidBody("The body is not valid JSON: send {\"message_ids\": [...]} or a filter.");
        }
        if (request == null || !request.isObject()) {
            throw ApiError.invalidBody("The body must be a JSON object: {\"message_ids\": [...]} or a filter.");
        }
        List<String> ids = new ArrayList<>();
        if (request.has("message_ids")) {
            if (!request.get("message_ids").isArray()) {
                throw ApiError.invalidBody("message_ids must be a list of message ids.");
            }
            request.get("message_ids").forEach(id -> ids.add(id.asText()));
        } else {
            String partner = partnerId(text(request, "partner"));
            String type = text(request, "message_type");
            if (partner == null && type == null) {
                throw ApiError.invalidBody("Name the messages to replay: message_ids, or a filter with partner "
                        + "and/or message_type.");
            }
            ids.addAll(log.deadIds(MessageFilter.deadOf(partner, type)));
        }
        Replay replay = replay(ids);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("replayed", replay.replayed());
        body.put("skipped", replay.skipped());
        write(exchange, 202, body);
    }

    private Replay replay(List<String> ids) {
        Replay replay = store.replay(ids, System.currentTimeMillis());
        if (replay.replayed() > 0) {
            onReplayed.run();
        }
        ids.stream().filter(id -> !replay.skipped().contains(id))
                .forEach(id -> LOG.info("replayed message_id={}", id));
        return replay;
    }

    private Map<String, Object> message(StoredMessage m) {
        return fields(m, redactor);
    }

    /** A message as the ops API lists it: the status endpoint's fields and the envelope's. */
    static Map<String, Object> fields(StoredMessage m, SecretRedactor redactor) {
        Map<String, Object> fields = MessageStatusView.fields(m);
        fields.put("last_error", redactor.redact(m.lastError()));
        fields.put("partner", m.partner());
        fields.put("message_type", m.messageType());
        fields.put("integrationmode", m.integrationMode());
        fields.put("correlation_id", m.correlationId());
        fields.put("external_reference", m.externalReference());
        fields.put("target", m.target());
        return fields;
    }

    private StoredMessage find(Exchange exchange) {
        return find(store, exchange);
    }

    static StoredMessage find(MessageStore store, Exchange exchange) {
        String id = exchange.getMessage().getHeader("message_id", String.class);
        return store.find(id).orElseThrow(() -> ApiError.notFound("No message with id '" + id + "'."));
    }

    /** The ops API is the ops user's: anyone else gets 401; its answers are JSON. */
    static void requireAdmin(Exchange exchange) {
        Caller caller = Caller.of(exchange);
        if (caller == null || !caller.admin()) {
            throw ApiError.unauthorizedAdmin();
        }
        exchange.setVariable(AnswerWriter.ANSWER_FORMAT, BodyFormat.JSON);
    }

    static void write(Exchange exchange, int status, Map<String, Object> body) {
        AnswerWriter.write(exchange, new Answer(status, "Ops", body));
    }

    private static String param(Exchange exchange, String name) {
        String value = exchange.getMessage().getHeader(name, String.class);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Long time(Exchange exchange, String name) {
        String value = param(exchange, name);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw ApiError.invalidBody(name + " must be an ISO-8601 UTC time, e.g. 2026-11-25T10:00:00Z.");
        }
    }

    private static int number(Exchange exchange, String name, int defaultValue, int min, int max) {
        String value = param(exchange, name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiError.invalidBody(name + " must be a whole number from " + min + " to " + max + ".");
        }
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }
}
