package io.integrationhub.delivery;

import io.integrationhub.connectors.ConnectorExchange;
import io.integrationhub.connectors.TargetReceipt;
import io.integrationhub.inbound.Envelope;
import io.integrationhub.messagetypes.MappedMessage;
import io.integrationhub.store.ExternalIdStore;
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

    public DeliveryAttempt(CamelContext context, ExternalIdStore externalIds) {
        this.context = context;
        this.template = context.createProducerTemplate();
        this.externalIds = externalIds;
    }

    public TargetReceipt send(String messageId, String partner, Envelope envelope, MappedMessage mapped)
            throws Exception {
        // A fresh exchange: nothing of the partner's request (its headers, its credentials) can reach a target.
        Exchange exchange = new DefaultExchange(context);
        exchange.setVariable(ConnectorExchange.FIELDS, mapped.fields());
        exchange.setVariable(ConnectorExchange.KNOWN_IDS,
                externalIds.find(partner, envelope.correlationId(), mapped.connector()).orElse(null));
        exchange.setVariable("hub.message-id", messageId);
        template.send("direct:connector-" + mapped.connector(), exchange);
        if (exchange.getException() != null) {
            throw exchange.getException();
        }
        TargetReceipt receipt = ConnectorExchange.receipt(exchange);
        if (receipt == null) {
            throw new IllegalStateException("connector " + mapped.connector() + " gave no receipt");
        }
        return receipt;
    }
}
