package io.integrationhub.connectors;

import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhub.HubSettings;

/**
 * The ticketing connector (seed 003, the Requestor service desk): {@code POST {url}/api/Tickets/NewMessage} as JSON,
 * or as the seed's DataContract XML when {@code hub.target.ticketing.format=xml}.
 */
public class TicketingConnector extends TargetRoute {

    public static final String NAME = "ticketing";

    private final HubSettings settings;

    public TicketingConnector(HubSettings settings) {
        this.settings = settings;
    }

    /** What the ticketing system demands of the mapped fields beyond the field map, checked when a message arrives. */
    public static Consumer<Map<String, JsonNode>> fieldCheck(HubSettings settings) {
        TicketingRequest.Format format = TicketingRequest.Format.of(settings.get("hub.target.ticketing.format", "json"));
        return fields -> TicketingRequest.checkFields(format, fields);
    }

    @Override
    public void configure() {
        TicketingRequest request = new TicketingRequest(TicketingRequest.Format.of(
                settings.get("hub.target.ticketing.format", "json")),
                settings.find("hub.target.ticketing.authorization").orElse(null));
        connector(NAME, "/api/Tickets/NewMessage", TargetSettings.of(settings, NAME), Set.of("Authorization"),
                request, new TicketingAnswer());
    }
}
