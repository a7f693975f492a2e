package io.integrationhub.connectors;

import io.integrationhub.HubSettings;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The ticketing connector (seed 003, the Requestor service desk): {@code POST {url}/api/Tickets/NewMessage} as JSON,
 * or as the seed's DataContract XML when {@code hub.target.ticketing.format=xml}.
 */
public class TicketingConnector extends RouteBuilder {

    public static final String NAME = "ticketing";

    private final HubSettings settings;

    public TicketingConnector(HubSettings settings) {
        this.settings = settings;
    }

    /** The checks a message type's mapped fields must pass for this connector, run when a message is received. */
    public static java.util.function.Consumer<java.util.Map<String, com.fasterxml.jackson.databind.JsonNode>>
            fieldCheck(HubSettings settings) {
        TicketingRequest.Format format = TicketingRequest.Format.of(settings.get("hub.target.ticketing.format", "json"));
        return fields -> TicketingRequest.checkFields(format, fields);
    }

    @Override
    public void configure() {
        TargetSettings target = TargetSettings.of(settings, NAME);
        TicketingRequest request = new TicketingRequest(TicketingRequest.Format.of(
                settings.get("hub.target.ticketing.format", "json")),
                settings.find("hub.target.ticketing.authorization").orElse(null));

        // The delivery side classifies and logs a failed call once; Camel's default handler would log it again.
        errorHandler(noErrorHandler());

        from("direct:connector-ticketing").routeId("connector-ticketing")
                .removeHeaders("*")
                .process(request)
                .setHeader(Exchange.HTTP_METHOD, constant("POST"))
                .to(target.endpoint("/api/Tickets/NewMessage"))
                .process(new TicketingAnswer());
    }
}
