package io.integrationhub.delivery;

import io.integrationhub.SecretRedactor;
import io.integrationhub.connectors.ConnectorExchange;
import io.integrationhub.connectors.KnownIds;
import io.integrationhub.connectors.TargetReceipt;
import io.integrationhub.connectors.TargetRequest;
import io.integrationhub.message.Envelope;
import io.integrationhub.messagetypes.MappedMessage;
import io.integrationhub.store.ExternalIdStore;
import io.integrationhub.store.ExternalIds;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;

/**
 * One call of a message's connector: the mapped fields and the key's known External IDs go in, the target's
 * receipt comes out, or the exception that says why not.
 */
public final class DeliveryAttempt {

    private final CamelContext context;
    private final ProducerTemplate template;
    private final ExternalIdStore externalIds;
    private final SecretRedactor redactor;

    public DeliveryAttempt(CamelContext context, ExternalIdStore externalIds, SecretRedactor redactor) {
        this.context = context;
        this.template = context.createProducerTemplate();
        this.externalIds = externalIds;
        this.redactor = redactor;
    }

    /** How long an attempt took, for the delivery metrics. */
    static java.time.Duration since(long startedNanos) {
        return java.time.Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /**
     * Classifies a failed attempt. A target's answer may echo the credentials it was sent: it is redacted here,
     * before it reaches the store, a log or a partner.
     */
    public Failure classify(Exception e) {
        Failure f = Failure.of(e);
        return new Failure(f.kind(), redactor.redact(f.error()), f.targetStatus(), redactor.redact(f.targetAnswer()),
                f.retryAfterMs());
    }

    public TargetReceipt send(String messageId, String partner, Envelope envelope, MappedMessage mapped)
            throws Exception {
        return send(messageId, partner, envelope, mapped, null);
    }

    /**
     * {@link #send} with the key's External IDs at the connector's target as the message's claim read them ({@code
     * known}); null: read them now.
     */
    public TargetReceipt send(String messageId, String partner, Envelope envelope, MappedMessage mapped,
                              ExternalIds known) throws Exception {
        Exchange exchange = exchange(partner, envelope, mapped, known);
        exchange.setVariable("hub.message-id", messageId);
        template.send("direct:connector-" + mapped.connector(), exchange);
        if (exchange.getException() != null) {
            throw exchange.getException();
        }
        TargetReceipt r = ConnectorExchange.receipt(exchange);
        if (r == null) {
            throw new IllegalStateException("connector " + mapped.connector() + " gave no receipt");
        }
        return new TargetReceipt(r.target(), r.status(), redactor.redact(r.body()), r.contentType(), r.reference(),
                r.recordRef(), r.lastRef());
    }

    /**
     * The request {@link #send} would make now, built by the connector's own request step and not sent (a dry run,
     * SPEC §5); a field map the target cannot take throws the same MappingException delivery would meet.
     */
    public TargetRequest preview(String partner, Envelope envelope, MappedMessage mapped) throws Exception {
        TargetRequest.Builder builder = context.getRegistry().lookupByNameAndType(
                TargetRequest.Builder.REGISTRY_PREFIX + mapped.connector(), TargetRequest.Builder.class);
        if (builder == null) {
            throw new IllegalStateException("connector " + mapped.connector() + " has no request to show");
        }
        return builder.build(exchange(partner, envelope, mapped, null)).redacted(redactor::redact);
    }

    // A fresh exchange: nothing of the partner's request (its headers, its credentials) can reach a target.
    private Exchange exchange(String partner, Envelope envelope, MappedMessage mapped, ExternalIds known) {
        Exchange exchange = new DefaultExchange(context);
        exchange.setVariable(ConnectorExchange.FIELDS, mapped.fields());
        exchange.setVariable(ConnectorExchange.KEY, partner + '\n' + envelope.correlationId());
        ExternalIds ids = known != null ? known
                : externalIds.find(partner, envelope.correlationId(), mapped.connector()).orElse(null);
        // A stored key has a record or a last id; both null is how a claim says the key has none yet.
        boolean none = ids == null || ids.recordRef() == null && ids.lastRef() == null;
        exchange.setVariable(ConnectorExchange.KNOWN_IDS, none ? null : new KnownIds(ids.recordRef(), ids.lastRef()));
        return exchange;
    }
}
