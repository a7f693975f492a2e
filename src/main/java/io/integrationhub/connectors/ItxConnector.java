package io.integrationhub.connectors;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhub.HubSettings;
import io.integrationhub.messagetypes.MappingException;
import org.apache.camel.Exchange;
import org.apache.hc.client5.http.entity.mime.ByteArrayBody;
import org.apache.hc.client5.http.entity.mime.HttpMultipartMode;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;

/**
 * The ITX connector (seed 002): {@code POST {url}/rest/itxems/message} as multipart/form-data — a {@code data} part
 * (application/json) with the message and a {@code files} part per attachment, in order, so that {@code body} can
 * refer to them as {@code files[N]}. ITX's three-part token goes in the headers tokenv2, rcntrl and ccntrl. A new
 * correlation key creates a case; a known one adds the message to its case.
 */
public class ItxConnector extends TargetRoute {

    public static final String NAME = "itx";
    /** The field of a mapped message that holds its attachments: {filename, content_type, content_base64}. */
    public static final String ATTACHMENTS = "attachments";
    /** Seed 002's message attributes, in the seed's order. */
    static final List<String> MEMBERS = List.of("eactId", "conversationEactId", "replyToEactId", "corpId", "eeexId",
            "contactEeexId", "direction", "subject", "body", "isDraft", "userId", "caseEactId", "createCase",
            "caseStatusEmstId", "caseCategoryCtnoId", "caseQueueUcquId");

    private final HubSettings settings;

    public ItxConnector(HubSettings settings) {
        this.settings = settings;
    }

    @Override
    public void configure() {
        Map<String, String> token = new LinkedHashMap<>();
        for (String part : List.of("tokenv2", "rcntrl", "ccntrl")) {
            settings.find("hub.target.itx." + part).ifPresent(v -> token.put(part, v));
        }
        connector(NAME, "/rest/itxems/message", TargetSettings.of(settings, NAME), token.keySet(),
                exchange -> request(exchange, token), ItxConnector::answer);
    }

    /** Checked when a message arrives: each attachment must have a name, a type and base64 content. */
    public static void checkFields(Map<String, JsonNode> fields) {
        attachments(fields);
    }

    private static void request(Exchange exchange, Map<String, String> token) {
        Map<String, JsonNode> fields = new LinkedHashMap<>(ConnectorExchange.fields(exchange));
        List<Attachment> attachments = attachments(fields);
        fields.remove(ATTACHMENTS);
        KnownIds known = ConnectorExchange.knownIds(exchange);
        var nodes = WireJson.MAPPER.getNodeFactory();
        if (!fields.containsKey("caseEactId")) {
            if (known != null && known.recordRef() != null) {
                fields.put("caseEactId", nodes.numberNode(Long.parseLong(known.recordRef())));
                fields.put("createCase", nodes.booleanNode(false));
            } else if (!fields.containsKey("createCase")) {
                fields.put("createCase", nodes.booleanNode(true));
            }
        }
        JsonNode caseId = fields.get("caseEactId");
        exchange.setVariable("hub.itx-case", caseId == null ? null : caseId.asText());

        // RFC 7578 form data in UTF-8, with no charset parameter on the multipart type itself.
        MultipartEntityBuilder multipart = MultipartEntityBuilder.create().setMode(HttpMultipartMode.EXTENDED)
                .setContentType(ContentType.create("multipart/form-data"));
        JsonNode dataJson = WireJson.ordered(MEMBERS, fields);
        byte[] data = WireJson.bytes(dataJson);
        multipart.addPart("data", new ByteArrayBody(data, ContentType.create("application/json"), null));
        List<TargetRequest.Part> parts = new ArrayList<>();
        parts.add(new TargetRequest.Part("data", null, "application/json", data.length, dataJson));
        for (Attachment a : attachments) {
            multipart.addPart("files", new ByteArrayBody(a.content(), ContentType.parse(a.contentType()),
                    a.filename()));
            // As the part's header carries it: parsed and written back by HttpClient.
            parts.add(new TargetRequest.Part("files", a.filename(), ContentType.parse(a.contentType()).toString(),
                    a.content().length, null));
        }
        exchange.setVariable(ConnectorExchange.PARTS, parts);
        var message = exchange.getMessage();
        message.setHeader("Accept", "application/json");
        token.forEach(message::setHeader);
        message.setBody(multipart.build());
    }

    private static void answer(Exchange exchange) {
        TargetAnswer answer = TargetAnswer.of(NAME, exchange).requireSuccess();
        JsonNode body = WireJson.parse(answer.body());
        String eactId = id(body, "eactId");
        String caseEactId = id(body, "caseEactId");
        if (caseEactId == null) {
            caseEactId = exchange.getVariable("hub.itx-case", String.class);
        }
        ConnectorExchange.receipt(exchange, new TargetReceipt(NAME, answer.status(), answer.body(),
                answer.contentType(), eactId, caseEactId, eactId));
    }

    /** ITX does not publish its answer's shape: an id may stand at the top level or in a {@code data} object. */
    private static String id(JsonNode body, String name) {
        if (body == null || !body.isObject()) {
            return null;
        }
        JsonNode value = body.get(name);
        if ((value == null || value.isNull()) && body.get("data") != null && body.get("data").isObject()) {
            value = body.get("data").get(name);
        }
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    private record Attachment(String filename, String contentType, byte[] content) {
    }

    private static List<Attachment> attachments(Map<String, JsonNode> fields) {
        List<Attachment> out = new ArrayList<>();
        JsonNode list = fields.get(ATTACHMENTS);
        if (list == null) {
            return out;
        }
        int index = 0;
        for (JsonNode a : list.isArray() ? list : WireJson.MAPPER.createArrayNode().add(list)) {
            String where = ATTACHMENTS + "[" + index++ + "]";
            if (!a.isObject()) {
                throw new MappingException(ATTACHMENTS, where + " must be an object with filename, content_type and "
                        + "content_base64");
            }
            String filename = text(a, "filename", where);
            String contentType = text(a, "content_type", where);
            try {
                ContentType.parse(contentType);
            } catch (RuntimeException e) {
                throw new MappingException(ATTACHMENTS, where + ".content_type '" + contentType
                        + "' is not a media type");
            }
            byte[] content;
            try {
                content = Base64.getDecoder().decode(text(a, "content_base64", where).replaceAll("\\s+", ""));
            } catch (IllegalArgumentException e) {
                throw new MappingException(ATTACHMENTS, where + ".content_base64 is not base64");
            }
            out.add(new Attachment(filename, contentType, content));
        }
        return out;
    }

    private static String text(JsonNode attachment, String name, String where) {
        JsonNode value = attachment.get(name);
        if (value == null || !value.isValueNode() || value.asText().isBlank()) {
            throw new MappingException(ATTACHMENTS, where + "." + name + " is missing");
        }
        return value.asText();
    }
}
