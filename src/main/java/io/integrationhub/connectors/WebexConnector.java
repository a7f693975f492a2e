package io.integrationhub.connectors;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationhub.HubSettings;
import io.integrationhub.messagetypes.MappingException;
import org.apache.camel.Exchange;

/**
 * The Webex Connect connector (seed 004, Custom Event v1): {@code POST {url}/resources/v1/events/externalevent} with
 * the service key in the header {@code key}. Webex Connect answers HTTP 200 for errors too: the outcome is the code
 * in the body (see {@link WebexResponseClassifier}).
 */
public class WebexConnector extends TargetRoute {

    public static final String NAME = "webex";
    static final int MAX_CORRELATION_ID_BYTES = 50;

    private final HubSettings settings;

    public WebexConnector(HubSettings settings) {
        this.settings = settings;
    }

    @Override
    public void configure() {
        String serviceKey = settings.find("hub.target.webex.service-key").orElse(null);
        connector(NAME, "/resources/v1/events/externalevent", TargetSettings.of(settings, NAME), Set.of("key"),
                exchange -> request(exchange, serviceKey), WebexConnector::answer);
    }

    /** Checked when a message arrives: seed 004 allows a correlation id of at most 50 bytes. */
    public static void checkFields(Map<String, JsonNode> fields) {
        JsonNode correlationId = fields.get("correlationid");
        if (correlationId != null
                && correlationId.asText().getBytes(StandardCharsets.UTF_8).length > MAX_CORRELATION_ID_BYTES) {
            throw new MappingException("correlationid", "is longer than the " + MAX_CORRELATION_ID_BYTES
                    + " bytes Webex Connect accepts");
        }
        if (!fields.containsKey("evtid")) {
            throw new MappingException("evtid", "is required by Webex Connect");
        }
    }

    private static void request(Exchange exchange, String serviceKey) {
        Map<String, JsonNode> fields = ConnectorExchange.fields(exchange);
        checkFields(fields);
        ObjectNode event = WireJson.MAPPER.createObjectNode();
        for (String member : new String[] {"evtid", "correlationid", "parameters"}) {
            if (fields.containsKey(member)) {
                event.set(member, fields.get(member));
            }
        }
        ObjectNode body = WireJson.MAPPER.createObjectNode();
        body.putArray("events").add(event);
        for (String member : new String[] {"expiry", "notifyurl"}) {
            if (fields.containsKey(member)) {
                body.set(member, fields.get(member));
            }
        }
        var message = exchange.getMessage();
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("Accept", "application/json");
        if (serviceKey != null) {
            message.setHeader("key", serviceKey);
        }
        message.setBody(WireJson.bytes(body));
    }

    private static void answer(Exchange exchange) {
        TargetAnswer answer = TargetAnswer.of(NAME, exchange).requireSuccess();
        String transid = WebexResponseClassifier.requireQueued(answer);
        ConnectorExchange.receipt(exchange, new TargetReceipt(NAME, answer.status(), answer.body(),
                answer.contentType(), transid, null, transid));
    }
}
