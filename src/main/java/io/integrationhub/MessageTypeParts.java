package io.integrationhub;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhub.connectors.ConnectorFields;
import io.integrationhub.connectors.ItxConnector;
import io.integrationhub.connectors.SuperOfficeConnector;
import io.integrationhub.connectors.TicketingConnector;
import io.integrationhub.connectors.WebexConnector;
import io.integrationhub.messagetypes.ConnectorComponent;
import io.integrationhub.messagetypes.FieldComponent;
import io.integrationhub.messagetypes.FieldMapper;
import io.integrationhub.messagetypes.MessageTypeComponent;
import io.integrationhub.messagetypes.MessageTypeFiles;
import io.integrationhub.messagetypes.MessageTypeRegistry;
import org.apache.camel.CamelContext;

/** The route files' side: the connectors and their routes, the components route files use, the mapper, the watch. */
final class MessageTypeParts {

    final FieldMapper mapper;
    final MessageTypeFiles files;
    /** How often the folder is looked at for changed files. */
    final long scanIntervalMs;

    MessageTypeParts(CamelContext context, HubSettings settings) throws Exception {
        // Each connector, and what its target demands of the mapped fields beyond the field map.
        Map<String, Consumer<Map<String, JsonNode>>> connectorChecks = Map.of(
                TicketingConnector.NAME, TicketingConnector.fieldCheck(settings),
                SuperOfficeConnector.NAME, fields -> { },
                ItxConnector.NAME, ItxConnector::checkFields,
                WebexConnector.NAME, WebexConnector::checkFields);
        context.addRoutes(new TicketingConnector(settings));
        context.addRoutes(new SuperOfficeConnector(settings));
        context.addRoutes(new ItxConnector(settings));
        context.addRoutes(new WebexConnector(settings));
        MessageTypeRegistry registry = new MessageTypeRegistry();
        context.addComponent(MessageTypeComponent.SCHEME, new MessageTypeComponent(registry, connectorChecks.keySet()));
        context.addComponent(FieldComponent.SCHEME, new FieldComponent(settings.getZone("hub.time-zone", "UTC")));
        context.addComponent(ConnectorComponent.SCHEME, new ConnectorComponent(connectorChecks.keySet()));
        mapper = new FieldMapper(context, registry, connectorChecks);
        files = new MessageTypeFiles(context, Path.of(settings.get("hub.routes.directory", "routes/message-types")),
                ConnectorFields.all());
        scanIntervalMs = scanIntervalMs(settings);
    }

    /** SPEC §5: a changed file takes effect within 10 seconds; faster than 100 ms would only burn CPU. */
    static long scanIntervalMs(HubSettings settings) {
        long ms = settings.getLong("hub.routes.scan-interval-ms", 2000);
        if (ms < 100 || ms > 10_000) {
            throw new IllegalArgumentException("Setting hub.routes.scan-interval-ms must be from 100 to 10000 (a "
                    + "changed message type file takes effect within 10 seconds), got " + ms);
        }
        return ms;
    }
}
