package io.integrationhub.inbound;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationhub.api.AnswerWriter;
import io.integrationhub.api.ApiError;
import io.integrationhub.api.Caller;
import io.integrationhub.api.HttpGate;
import io.integrationhub.message.BodyFormat;
import io.integrationhub.message.Envelope;
import io.integrationhub.message.EnvelopeReader;
import io.integrationhub.message.PartnerIds;
import io.integrationhub.message.PayloadReader;
import io.integrationhub.messagetypes.FieldMapper;
import io.integrationhub.store.MessageIds;
import io.vertx.core.buffer.Buffer;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Reads a CreateMessage request the gate let through, of any generation of the Integration App's API (SPEC §3): who
 * sent it, in which format, and its envelope. Answers 400 for a body that is not a valid request and 403 for one sent
 * in another partner's name. Every generation leaves the same variables, and goes on as CreateMessage does.
 */
public final class CreateMessageReader implements Processor {

    /** The request shapes of SPEC §3. */
    public enum Generation {
        /** {@code CreateMessage}: seed 000's envelope. */
        CREATE_MESSAGE,
        /** {@code {message_type}/CreateMessage}: the envelope, its type named in the path too. */
        TYPED_CREATE_MESSAGE,
        /** {@code message_type/{message_type}/message}: the payload alone, the rest in the query and the type. */
        PAYLOAD
    }

    static final String DRY_RUN_HEADER = "X-Dry-Run";

    private final Generation generation;
    private final FieldMapper types;

    /** {@code types}: resolves a type named in a path and tells its mode. */
    public CreateMessageReader(Generation generation, FieldMapper types) {
        this.generation = generation;
        this.types = types;
    }

    @Override
    public void process(Exchange exchange) {
        Caller caller = Caller.of(exchange);
        if (caller == null || caller.admin()) {
            throw ApiError.unauthorized();
        }
        var message = exchange.getMessage();
        String contentType = message.getHeader(Exchange.CONTENT_TYPE, String.class);
        BodyFormat format = BodyFormat.ofContentType(contentType);
        if (format == null) {
            throw HttpGate.unsupportedMediaType();
        }
        exchange.setVariable(InboundExchange.REQUEST_FORMAT, format);
        exchange.setVariable(AnswerWriter.ANSWER_FORMAT,
                BodyFormat.answerFormat(message.getHeader("Accept", String.class), format));
        exchange.setVariable(InboundExchange.RECEIVED_AT, System.currentTimeMillis());
        exchange.setVariable(InboundExchange.DRY_RUN, dryRun(message.getHeader(DRY_RUN_HEADER, String.class)));
        String idempotencyKey = message.getHeader("Idempotency-Key", String.class);
        if (idempotencyKey != null && !idempotencyKey.isBlank()) {
            exchange.setVariable(InboundExchange.IDEMPOTENCY_KEY, idempotencyKey.trim());
        }

        byte[] body = bodyBytes(message);
        String charset = BodyFormat.charset(contentType);
        Envelope envelope = switch (generation) {
            case CREATE_MESSAGE -> EnvelopeReader.read(body, format, charset);
            case TYPED_CREATE_MESSAGE -> typed(exchange, body, format, charset);
            case PAYLOAD -> payloadOnly(exchange, caller, body, format, charset);
        };
        exchange.setVariable(InboundExchange.RAW_BODY, body);
        exchange.setVariable(InboundExchange.STORED_FORMAT, (generation == Generation.PAYLOAD
                ? PayloadReader.STORED_PREFIX : "") + EnvelopeReader.storedFormat(format, charset));
        exchange.setVariable(InboundExchange.ENVELOPE, envelope);

        if (!PartnerIds.of(envelope.integrationPartner()).equals(caller.partnerId())) {
            throw new ApiError(403, "forbidden", "integrationPartner '" + envelope.integrationPartner()
                    + "' is not the partner you authenticated as ('" + caller.partnerId()
                    + "'): send messages in your own name.", List.of());
        }
    }

    /** The envelope with its type from the path; a body that names a type must name the same one. */
    private Envelope typed(Exchange exchange, byte[] body, BodyFormat format, String charset) {
        String named = pathType(exchange);
        String type = types.resolve(named).orElse(named);
        Envelope envelope = EnvelopeReader.read(body, format, charset, type);
        if (!envelope.messageType().equals(type) && !envelope.messageType().equals(named)) {
            throw ApiError.invalidBody("The body's message_type '" + envelope.messageType() + "' is not the message "
                    + "type in the path ('" + named + "'): leave it out of the body, or name the same one.");
        }
        // The path names the request (its query too, for an Idempotency-Key repeat), not only the body.
        exchange.setVariable(InboundExchange.REQUEST_TARGET, exchange.getMessage().getHeader(Exchange.HTTP_PATH));
        return envelope.withMessageType(type);
    }

    /** The second generation: the payload, and the envelope's other fields from the query, the partner and type. */
    private Envelope payloadOnly(Exchange exchange, Caller caller, byte[] body, BodyFormat format, String charset) {
        ObjectNode payload = PayloadReader.read(body, format, charset);
        String named = pathType(exchange);
        String type = types.resolve(named).orElse(named);
        Map<String, String> query = query(exchange.getMessage().getHeader(Exchange.HTTP_RAW_QUERY, String.class));
        String messageId = null;
        if (!query.containsKey("correlation_id")) {
            // A message without a key is its own key: its id, known before it is stored.
            messageId = MessageIds.next();
            exchange.setVariable(InboundExchange.MESSAGE_ID, messageId);
        }
        exchange.setVariable(InboundExchange.REQUEST_TARGET, exchange.getMessage().getHeader(Exchange.HTTP_PATH)
                + "?" + exchange.getMessage().getHeader(Exchange.HTTP_RAW_QUERY, "", String.class));
        return PayloadReader.envelope(payload, types.modeOf(type), caller.partnerId(), type, query, messageId);
    }

    /** The path's message type segment, percent-decoded ('+' is itself in a path). */
    private String pathType(Exchange exchange) {
        String path = exchange.getMessage().getHeader(Exchange.HTTP_PATH, String.class);
        String[] segments = path.split("/");
        String segment = segments[segments.length - 2];
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidBody("The message type in the path is not properly percent-encoded.");
        }
    }

    /** The query's parameters, decoded; the first of a repeated one counts. */
    static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                throw ApiError.invalidBody("The query string is not properly percent-encoded.");
            }
        }
        return params;
    }

    /**
     * Only "true" or "false": a dry run asked for with another word must not be taken as a real message and sent.
     */
    private static boolean dryRun(String header) {
        if (header == null || header.isBlank() || header.trim().equalsIgnoreCase("false")) {
            return false;
        }
        if (header.trim().equalsIgnoreCase("true")) {
            return true;
        }
        throw ApiError.invalidBody("The " + DRY_RUN_HEADER + " header must be true or false, not '"
                + header.strip() + "'.");
    }

    /**
     * platform-http hands the body over as a Vert.x buffer: copied out once here. Camel's converters went through an
     * InputStream, a buffered stream and a copy loop, a fifth of the bytes a request allocated.
     */
    private static byte[] bodyBytes(Message message) {
        Object body = message.getBody();
        return body instanceof Buffer buffer ? buffer.getBytes() : message.getBody(byte[].class);
    }
}
