package io.integrationhub.connectors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.integrationhub.HubSettings;
import org.apache.camel.Exchange;

/**
 * The SuperOffice connector (seed 001): {@code POST {url}/api/v1/Agents/Messaging/CreateMessage} with the
 * IncomingMessage carrier; SuperOffice answers 204 without an id. A correlation key keeps its SessionKey, so that
 * SuperOffice threads its messages together.
 */
public class SuperOfficeConnector extends TargetRoute {

    public static final String NAME = "superoffice";
    /** The IncomingMessage members the hub sends, in SuperOffice's own order (TableRight, FieldProperties are not). */
    static final List<String> MEMBERS = List.of("To", "From", "Content", "Format", "SessionKey", "Plugin");

    private final HubSettings settings;

    public SuperOfficeConnector(HubSettings settings) {
        this.settings = settings;
    }

    @Override
    public void configure() {
        String authorization = settings.find("hub.target.superoffice.authorization").orElse(null);
        String appToken = settings.find("hub.target.superoffice.app-token").orElse(null);
        connector(NAME, "/api/v1/Agents/Messaging/CreateMessage", TargetSettings.of(settings, NAME),
                Set.of("Authorization", "SO-AppToken"), exchange -> request(exchange, authorization, appToken),
                SuperOfficeConnector::answer);
    }

    private static void request(Exchange exchange, String authorization, String appToken) {
        Map<String, JsonNode> fields = new LinkedHashMap<>(ConnectorExchange.fields(exchange));
        KnownIds known = ConnectorExchange.knownIds(exchange);
        if (!fields.containsKey("SessionKey")) {
            // A known key continues its thread; a new key starts one, recorded in External IDs. Named after the key:
            // its retries, a replay and the ops preview all carry the same SessionKey until one succeeds.
            String key = exchange.getVariable(ConnectorExchange.KEY, String.class);
            String sessionKey = known != null && known.recordRef() != null ? known.recordRef()
                    : key == null ? UUID.randomUUID().toString()
                    : UUID.nameUUIDFromBytes(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
            fields.put("SessionKey", WireJson.MAPPER.getNodeFactory().textNode(sessionKey));
        }
        exchange.setVariable("hub.session-key", fields.get("SessionKey").asText());
        ObjectNode body = WireJson.MAPPER.createObjectNode();
        body.set("IncomingMessage", WireJson.ordered(MEMBERS, fields));
        var message = exchange.getMessage();
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("Accept", "application/json");
        if (authorization != null) {
            message.setHeader("Authorization", authorization);
        }
        if (appToken != null) {
            message.setHeader("SO-AppToken", appToken);
        }
        message.setBody(WireJson.bytes(body));
    }

    private static void answer(Exchange exchange) {
        TargetAnswer answer = TargetAnswer.of(NAME, exchange).requireSuccess();
        ConnectorExchange.receipt(exchange, new TargetReceipt(NAME, answer.status(), answer.body(),
                answer.contentType(), null, exchange.getVariable("hub.session-key", String.class), null));
    }
}
