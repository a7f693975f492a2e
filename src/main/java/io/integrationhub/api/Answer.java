package io.integrationhub.api;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationhub.message.BodyFormat;

/**
 * Renders an answer's fields as JSON or as XML (SPEC §3: the JSON answer's fields as child elements of a root
 * element; absent values left out in XML; a JSON value that is an object or array goes out as its JSON text).
 */
public final class Answer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private final int status;
    private final String xmlRoot;
    private final Map<String, Object> fields;

    public Answer(int status, String xmlRoot, Map<String, Object> fields) {
        this.status = status;
        this.xmlRoot = xmlRoot;
        this.fields = fields;
    }

    public static Answer of(ApiError error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", error.code());
        body.put("message", error.getMessage());
        body.put("details", error.details());
        body.putAll(error.extra());
        return new Answer(error.status(), "Error", body);
    }

    /** A target's answer body: parsed in a JSON answer, its text as received in an XML answer (SPEC §3). */
    public record TargetBody(String text, JsonNode parsed) {
    }

    public int status() {
        return status;
    }

    public byte[] render(BodyFormat format) {
        return format == BodyFormat.XML ? xml() : json();
    }

    private byte[] json() {
        try {
            if ("Error".equals(xmlRoot)) {
                // Errors about a stored message also carry its fields at the top level, beside the error object.
                Map<String, Object> outer = new LinkedHashMap<>();
                outer.put("error", fields);
                fields.forEach((k, v) -> {
                    if (!k.equals("code") && !k.equals("message") && !k.equals("details")) {
                        outer.put(k, v);
                    }
                });
                return JSON.writeValueAsBytes(jsonValues(outer));
            }
            return JSON.writeValueAsBytes(jsonValues(fields));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> jsonValues(Map<String, Object> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, v instanceof TargetBody body ? body.parsed()
                : v instanceof Map<?, ?> nested ? jsonValues(castMap(nested)) : v));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private byte[] xml() {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XML.createXMLStreamWriter(out);
            w.writeStartElement(xmlRoot);
            for (Map.Entry<String, Object> e : fields.entrySet()) {
                writeXml(w, e.getKey(), e.getValue());
            }
            w.writeEndElement();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void writeXml(XMLStreamWriter w, String name, Object value) throws XMLStreamException {
        if (value == null || (value instanceof JsonNode node && node.isNull())
                || (value instanceof TargetBody body && body.text() == null)) {
            return;
        }
        if (name.equals("details") && value instanceof List<?> list) {
            w.writeStartElement("details");
            for (Object item : list) {
                w.writeStartElement("detail");
                w.writeCharacters(String.valueOf(item));
                w.writeEndElement();
            }
            w.writeEndElement();
            return;
        }
        w.writeStartElement(name);
        w.writeCharacters(text(value));
        w.writeEndElement();
    }

    private static String text(Object value) {
        if (value instanceof TargetBody body) {
            return body.text();
        }
        if (value instanceof JsonNode node) {
            return node.isValueNode() ? node.asText() : node.toString();
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            try {
                return JSON.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.valueOf(value);
    }
}
