package io.integrationhub.connectors;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationhub.messagetypes.MappingException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Builds seed 003's NewMessagePost from the mapped fields, continuing the key's known ticket when none is named. */
final class TicketingRequest implements Processor {

    /** The members of seed 003, in the seed's JSON order. */
    static final List<String> MEMBERS = List.of("TicketREF", "TicketId", "Message", "Html", "IsPrivate",
            "IsMobileDevice", "Attachments", "SendViaOutboundEmail", "SendViaOutboundEmailFrom",
            "SendViaOutboundEmailCc", "SendViaOutboundEmailBcc");
    private static final String POSTS_NS = "http://schemas.datacontract.org/2004/07/RequestorApiDataStructures.Posts";
    private static final String INSTANCE_NS = "http://www.w3.org/2001/XMLSchema-instance";
    private static final String ARRAYS_NS = "http://schemas.microsoft.com/2003/10/Serialization/Arrays";
    private static final ObjectMapper JSON = WireJson.MAPPER;
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    enum Format {
        JSON, XML;

        static Format of(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "json" -> JSON;
                case "xml" -> XML;
                default -> throw new IllegalArgumentException("hub.target.ticketing.format must be json or xml, not "
                        + value);
            };
        }
    }

    private final Format format;
    private final String authorization;

    TicketingRequest(Format format, String authorization) {
        this.format = format;
        this.authorization = authorization;
    }

    @Override
    public void process(Exchange exchange) {
        Map<String, JsonNode> fields = new LinkedHashMap<>(ConnectorExchange.fields(exchange));
        KnownIds known = ConnectorExchange.knownIds(exchange);
        if (!fields.containsKey("TicketREF") && !fields.containsKey("TicketId") && known != null
                && known.recordRef() != null) {
            TicketRef.parse(known.recordRef()).putInto(fields);
        }
        TicketRef used = TicketRef.of(fields);
        if (used == null) {
            throw new MappingException("TicketREF", "the ticket is unknown: the field map sets neither TicketREF nor "
                    + "TicketId and no earlier message of this correlation_id named one");
        }
        if (!fields.containsKey("Message")) {
            throw new MappingException("Message", "is required by the ticketing system");
        }
        exchange.setVariable("hub.ticket-ref", used.stored());
        var message = exchange.getMessage();
        String contentType = format == Format.XML ? "application/xml" : "application/json";
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        message.setHeader("Accept", contentType);
        if (authorization != null) {
            message.setHeader("Authorization", authorization);
        }
        message.setBody(format == Format.XML ? xml(fields) : json(fields));
    }

    static void checkFields(Format format, Map<String, JsonNode> fields) {
        if (format == Format.XML && fields.containsKey("Attachments")) {
            throw new MappingException("Attachments", "seed 003 defines no XML form of NewAttachment: attachments "
                    + "can be sent to the ticketing system only in its JSON format");
        }
    }

    private static byte[] json(Map<String, JsonNode> fields) {
        return WireJson.bytes(WireJson.ordered(MEMBERS, fields));
    }

    /** Seed 003's XML: the DataContract serializer reads members only in ordinal order, so they go out sorted. */
    private static byte[] xml(Map<String, JsonNode> fields) {
        checkFields(Format.XML, fields);
        Map<String, JsonNode> sorted = new TreeMap<>();
        for (String member : MEMBERS) {
            if (fields.containsKey(member)) {
                sorted.put(member, fields.get(member));
            }
        }
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XML.createXMLStreamWriter(out);
            w.setDefaultNamespace(POSTS_NS);
            w.writeStartElement(POSTS_NS, "NewMessagePost");
            w.writeNamespace("i", INSTANCE_NS);
            w.writeDefaultNamespace(POSTS_NS);
            for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
                JsonNode value = e.getValue();
                w.writeStartElement(POSTS_NS, e.getKey());
                if (value.isArray()) {
                    w.writeNamespace("d2p1", ARRAYS_NS);
                    for (JsonNode item : value) {
                        w.writeStartElement("d2p1", "string", ARRAYS_NS);
                        w.writeCharacters(item.asText());
                        w.writeEndElement();
                    }
                } else {
                    w.writeCharacters(value.isBigDecimal() ? value.decimalValue().toPlainString() : value.asText());
                }
                w.writeEndElement();
            }
            w.writeEndElement();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The ticket a request names, stored in External IDs as "TicketREF:…" or "TicketId:…". */
    record TicketRef(String member, JsonNode value) {

        static TicketRef of(Map<String, JsonNode> fields) {
            if (fields.containsKey("TicketREF")) {
                return new TicketRef("TicketREF", fields.get("TicketREF"));
            }
            return fields.containsKey("TicketId") ? new TicketRef("TicketId", fields.get("TicketId")) : null;
        }

        static TicketRef parse(String stored) {
            int colon = stored.indexOf(':');
            String member = stored.substring(0, colon);
            String value = stored.substring(colon + 1);
            return member.equals("TicketId")
                    ? new TicketRef(member, JSON.getNodeFactory().numberNode(Long.parseLong(value)))
                    : new TicketRef(member, JSON.getNodeFactory().textNode(value));
        }

        String stored() {
            return member + ":" + value.asText();
        }

        void putInto(Map<String, JsonNode> fields) {
            fields.put(member, value);
        }
    }
}
