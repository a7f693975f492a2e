package io.integrationhub.inbound;

import java.util.LinkedHashMap;
import java.util.Map;

import io.integrationhub.api.Answer;
import io.integrationhub.api.AnswerWriter;
import io.integrationhub.api.Caller;
import io.integrationhub.connectors.TargetRequest;
import io.integrationhub.delivery.DeliveryAttempt;
import io.integrationhub.message.Envelope;
import io.integrationhub.messagetypes.MappedMessage;
import io.integrationhub.messagetypes.MappingException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SPEC §5 Dry run: a request checked and mapped like any other is answered 200 with the request its connector would
 * send now (credentials as ***); nothing is stored and nothing is sent.
 */
public final class DryRunAnswer implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(DryRunAnswer.class);

    private final DeliveryAttempt attempt;

    public DryRunAnswer(DeliveryAttempt attempt) {
        this.attempt = attempt;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Envelope envelope = InboundExchange.envelope(exchange);
        MappedMessage mapped = InboundExchange.mapped(exchange);
        String partner = Caller.of(exchange).partnerId();
        TargetRequest request;
        try {
            request = attempt.preview(partner, envelope, mapped);
        } catch (MappingException e) {
            // What the connector itself demands (a known ticket, a Message): delivery would dead-letter it.
            throw MessageTypeCheck.mappingError(envelope, e, null);
        }
        LOG.info("dry run partner={} message_type=\"{}\" correlation_id={} target={}", partner,
                envelope.messageType(), envelope.correlationId(), mapped.connector());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dry_run", true);
        body.put("message_type", envelope.messageType());
        body.put("target", mapped.connector());
        body.put("request", request.toMap());
        AnswerWriter.write(exchange, new Answer(200, "CreateMessageResponse", body));
    }
}
