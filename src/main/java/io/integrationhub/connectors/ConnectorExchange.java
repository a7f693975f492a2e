package io.integrationhub.connectors;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;

/**
 * What a connector route reads from and writes to its exchange: the mapped fields and the known External IDs in,
 * the {@link TargetReceipt} out. Connectors never touch the store; the delivery side passes these in and out.
 */
public final class ConnectorExchange {

    public static final String FIELDS = "hub.fields";
    public static final String KNOWN_IDS = "hub.known-ids";
    /** The message's correlation key, partner and correlation_id: what a connector may name a new thread after. */
    public static final String KEY = "hub.key";
    public static final String RECEIPT = "hub.receipt";
    /** A multipart request's parts as a dry run lists them: set by the connector that builds the entity. */
    public static final String PARTS = "hub.parts";

    private ConnectorExchange() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, JsonNode> fields(Exchange exchange) {
        return exchange.getVariable(FIELDS, Map.class);
    }

    public static KnownIds knownIds(Exchange exchange) {
        return exchange.getVariable(KNOWN_IDS, KnownIds.class);
    }

    public static void receipt(Exchange exchange, TargetReceipt receipt) {
        exchange.setVariable(RECEIPT, receipt);
    }

    @SuppressWarnings("unchecked")
    static java.util.List<TargetRequest.Part> parts(Exchange exchange) {
        return exchange.getVariable(PARTS, java.util.List.class);
    }

    public static TargetReceipt receipt(Exchange exchange) {
        return exchange.getVariable(RECEIPT, TargetReceipt.class);
    }
}
