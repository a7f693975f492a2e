package io.integrationhub.inbound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import io.integrationhub.api.AnswerWriter;
import io.integrationhub.api.ApiError;
import io.integrationhub.api.Caller;
import io.integrationhub.store.IdempotencyRecord;
import io.integrationhub.store.MessageStore;
import io.integrationhub.store.StoredAnswer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * SPEC §3 Idempotency-Key, scoped to the partner: a repeat with the same key and the same body, byte for byte, gets
 * the first request's answer again and creates nothing; the same key with another body, or while the first request
 * is still being delivered, is a 409.
 */
public final class IdempotencyCheck implements Processor {

    public static final int MAX_KEY_LENGTH = 200;

    private final MessageStore store;

    public IdempotencyCheck(MessageStore store) {
        this.store = store;
    }

    @Override
    public void process(Exchange exchange) {
        String key = exchange.getVariable(InboundExchange.IDEMPOTENCY_KEY, String.class);
        if (key == null) {
            return;
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw ApiError.invalidBody("The Idempotency-Key header is longer than " + MAX_KEY_LENGTH
                    + " characters.");
        }
        String hash = sha256(exchange.getVariable(InboundExchange.RAW_BODY, byte[].class),
                exchange.getVariable(InboundExchange.REQUEST_TARGET, String.class));
        exchange.setVariable(InboundExchange.REQUEST_HASH, hash);
        IdempotencyRecord first = store.findByIdempotencyKey(Caller.of(exchange).partnerId(), key)
                .orElse(null);
        if (first != null) {
            answerRepeat(exchange, first, hash);
        }
    }

    /**
     * Another request with this key was stored between this one's check and its insert: answer as a repeat of it.
     */
    static void answerRace(Exchange exchange, MessageStore store, RuntimeException raced) {
        IdempotencyRecord first = store.findByIdempotencyKey(Caller.of(exchange).partnerId(),
                exchange.getVariable(InboundExchange.IDEMPOTENCY_KEY, String.class)).orElseThrow(() -> raced);
        answerRepeat(exchange, first, exchange.getVariable(InboundExchange.REQUEST_HASH, String.class));
    }

    /** Answers a request whose key was used before; returns normally only if the exchange now holds that answer. */
    public static void answerRepeat(Exchange exchange, IdempotencyRecord first, String hash) {
        if (!first.requestHash().equals(hash)) {
            throw conflict("This Idempotency-Key was used for a different request body: use a new key for a new "
                    + "message.", first.messageId());
        }
        StoredAnswer answer = first.answer();
        if (answer == null) {
            throw conflict("The request with this Idempotency-Key is still being processed: ask again shortly.",
                    first.messageId());
        }
        var message = exchange.getMessage();
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, answer.status());
        message.setHeader(Exchange.CONTENT_TYPE, answer.contentType());
        if (answer.retryAfterSeconds() != null) {
            message.setHeader("Retry-After", String.valueOf(answer.retryAfterSeconds()));
        }
        message.setBody(AnswerWriter.body(answer.body().getBytes(StandardCharsets.UTF_8)));
        exchange.setRouteStop(true);
    }

    private static ApiError conflict(String message, String messageId) {
        return new ApiError(409, "idempotency_conflict", message, List.of(), java.util.Map.of("message_id",
                messageId));
    }

    /** {@code target}: the path and query when they carry part of the message (null for CreateMessage). */
    static String sha256(byte[] body, String target) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            if (target != null) {
                digest.update(target.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
