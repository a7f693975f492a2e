package io.integrationhub.connectors;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The target fields a message type's field step may fill, per connector name: exactly the mapped fields each
 * connector knows when it builds its target's request, in the order its seed lists them. Any other name would reach
 * the target as a member it does not have (Webex Connect's connector drops it instead), so message type files that
 * name one are refused. The message type check is handed this map: it does not reach into connectors for it.
 */
public final class ConnectorFields {

    private static final Map<String, Set<String>> ALL = build();

    private ConnectorFields() {
    }

    /** Connector name to its fields; both in a fixed order (ticketing, superoffice, itx, webex), unmodifiable. */
    public static Map<String, Set<String>> all() {
        return ALL;
    }

    private static Map<String, Set<String>> build() {
        Map<String, Set<String>> fields = new LinkedHashMap<>();
        // Seed 003, ticketing NewMessagePost: every member of its JSON sample.
        fields.put(TicketingConnector.NAME, ordered(TicketingRequest.MEMBERS));
        // Seed 001, SuperOffice Messaging CreateMessage: the IncomingMessage members the connector sends.
        fields.put(SuperOfficeConnector.NAME, ordered(SuperOfficeConnector.MEMBERS));
        // Seed 002, ITX POST /rest/itxems/message: the data part's attributes, and attachments for the files parts.
        fields.put(ItxConnector.NAME, ordered(concat(ItxConnector.MEMBERS, List.of(ItxConnector.ATTACHMENTS))));
        // Seed 004, Webex Connect Custom Event v1: the event's members, then the request's own expiry and notifyurl.
        fields.put(WebexConnector.NAME, ordered(List.of("evtid", "correlationid", "parameters", "expiry",
                "notifyurl")));
        return Collections.unmodifiableMap(fields);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    private static Set<String> ordered(List<String> names) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(names));
    }
}
