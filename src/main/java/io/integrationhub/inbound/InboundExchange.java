package io.integrationhub.inbound;

import io.integrationhub.message.Envelope;
import io.integrationhub.messagetypes.FieldMapper;
import io.integrationhub.messagetypes.MappedMessage;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import org.apache.camel.Exchange;

/** The variables the inbound routes keep on an exchange while they answer a request. */
public final class InboundExchange {

    public static final String REQUEST_FORMAT = "hub.request-format";
    public static final String STORED_FORMAT = "hub.stored-format";
    public static final String RAW_BODY = "hub.raw-body";
    public static final String ENVELOPE = FieldMapper.ENVELOPE;
    public static final String MAPPED = "hub.mapped";
    public static final String RECEIVED_AT = "hub.received-at";
    public static final String IDEMPOTENCY_KEY = "hub.idempotency-key";
    public static final String REQUEST_HASH = "hub.request-hash";
    public static final String DRY_RUN = "hub.dry-run";
    /** The message's id when it is known before it is stored (a second-generation message without a key). */
    public static final String MESSAGE_ID = "hub.message-id";
    /** The path (and query) an Idempotency-Key's request hash covers besides the body, where they say something. */
    public static final String REQUEST_TARGET = "hub.request-target";

    /** A body at least this large is parsed on a request thread rather than on the event loop. */
    static final int LARGE_BODY_BYTES = 64 * 1024;

    private InboundExchange() {
    }

    /**
     * Whether a CreateMessage request on an event loop must leave it before it is read: its Idempotency-Key means a
     * store read, and a large body's parse would hold up the loop's other connections.
     */
    static boolean waitsBeforeRead(Exchange exchange) {
        if (!Context.isOnEventLoopThread()) {
            return false;
        }
        var message = exchange.getMessage();
        return message.getHeader("Idempotency-Key") != null
                || (message.getBody() instanceof Buffer body ? body.length() >= LARGE_BODY_BYTES
                        : message.getBody() != null);
    }

    /**
     * Whether a request read on an event loop must leave it: a synchronous message is delivered while it waits, and a
     * dry run reads the key's External IDs from the store.
     */
    static boolean waitsAfterRead(Exchange exchange) {
        return Context.isOnEventLoopThread() && (envelope(exchange).synchronous() || dryRun(exchange));
    }

    /** Whether the request asked for a dry run (SPEC §5: X-Dry-Run: true): nothing stored, nothing sent. */
    public static boolean dryRun(Exchange exchange) {
        return exchange.getVariable(DRY_RUN, false, Boolean.class);
    }


    /** The id the message is stored under: given by the reader, or a new one. */
    static String messageId(Exchange exchange) {
        String known = exchange.getVariable(MESSAGE_ID, String.class);
        return known != null ? known : io.integrationhub.store.MessageIds.next();
    }

    public static Envelope envelope(Exchange exchange) {
        return exchange.getVariable(ENVELOPE, Envelope.class);
    }

    public static MappedMessage mapped(Exchange exchange) {
        return exchange.getVariable(MAPPED, MappedMessage.class);
    }

}
