package io.integrationhub.connectors;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Reads the ticketing system's answer: 200 with {@code {"TicketMessageId": n}} (or the XML NewMessageResult) is a
 * success; a 400 carries ASP.NET's {@code {"Message": "…"}}, kept as the error.
 */
final class TicketingAnswer implements Processor {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern XML_ID = Pattern.compile("<(?:\\w+:)?TicketMessageId>\\s*(\\d+)\\s*</");

    @Override
    public void process(Exchange exchange) {
        TargetAnswer answer = TargetAnswer.of(TicketingConnector.NAME, exchange);
        if (answer.status() == 400) {
            throw new TargetRejectedException(TicketingConnector.NAME, 400, answer.body(),
                    "ticketing refused the message with HTTP 400: " + aspNetMessage(answer.body()));
        }
        answer.requireSuccess();
        String ticketMessageId = ticketMessageId(answer.body());
        String ticketRef = exchange.getVariable("hub.ticket-ref", String.class);
        ConnectorExchange.receipt(exchange, new TargetReceipt(TicketingConnector.NAME, answer.status(), answer.body(),
                answer.contentType(), ticketMessageId, ticketRef, ticketMessageId));
    }

    static String ticketMessageId(String body) {
        if (body == null) {
            return null;
        }
        String trimmed = body.trim();
        if (trimmed.startsWith("{")) {
            try {
                JsonNode id = JSON.readTree(trimmed).get("TicketMessageId");
                return id == null || id.isNull() ? null : id.asText();
            } catch (java.io.IOException e) {
                return null;
            }
        }
        Matcher m = XML_ID.matcher(trimmed);
        return m.find() ? m.group(1) : null;
    }

    private static String aspNetMessage(String body) {
        if (body != null && body.trim().startsWith("{")) {
            try {
                JsonNode message = JSON.readTree(body).get("Message");
                if (message != null && message.isTextual()) {
                    return message.textValue();
                }
            } catch (java.io.IOException e) {
                // not ASP.NET's error shape: the body itself is the message
            }
        }
        return body == null ? "(no message)" : body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
