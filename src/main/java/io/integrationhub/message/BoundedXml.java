package io.integrationhub.message;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * XML bodies as SPEC §3 reads them, bounded: no DTD and so no entity ever, nesting at most
 * {@link EnvelopeReader#MAX_DEPTH} deep; elements become JSON values (text, objects, repeated elements arrays).
 */
final class BoundedXml {

    private static final XMLInputFactory XML = factory();

    /** Reads a document's structure from a reader over the body. */
    interface Reading<T> {
        T read(XMLStreamReader reader) throws XMLStreamException;
    }

    private BoundedXml() {
    }

    /** Runs {@code reading} over the body; any parse failure is the 400 of a body that is not well-formed. */
    static <T> T read(byte[] body, String charset, Reading<T> reading) {
        XMLStreamReader reader = null;
        try {
            reader = charset == null ? XML.createXMLStreamReader(new ByteArrayInputStream(body))
                    : XML.createXMLStreamReader(new ByteArrayInputStream(body), charset);
            return reading.read(reader);
        } catch (XMLStreamException | RuntimeException e) {
            throw notWellFormed(e);
        } finally {
            close(reader);
        }
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    static ObjectNode emptyObject() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Anything after the root but comments or white space is not a single XML document. */
    static void requireEnd(XMLStreamReader reader, String root) throws XMLStreamException {
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT || event == XMLStreamConstants.CHARACTERS
                    && !reader.isWhiteSpace() || event == XMLStreamConstants.DTD) {
                throw InvalidMessageException.of("The request body has content after the <" + root + "> element.");
            }
        }
    }

    /** The 400 for an XML parse that failed: the body's own problem passes through, the parser's is explained. */
    private static InvalidMessageException notWellFormed(Exception e) {
        if (e instanceof InvalidMessageException invalid) {
            return invalid;
        }
        // Woodstox reports some errors lazily, as unchecked exceptions (WstxLazyException).
        Throwable cause = e instanceof XMLStreamException ? e : e.getCause() instanceof XMLStreamException x ? x : e;
        return InvalidMessageException.of("The request body is not well-formed XML.",
                cause instanceof XMLStreamException x ? xmlProblem(x) : String.valueOf(cause.getMessage()));
    }

    /** The next element start or end, refusing a DTD: no DOCTYPE is accepted, so no entity is ever declared. */
    static int nextStructural(XMLStreamReader reader) throws XMLStreamException {
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.DTD -> throw InvalidMessageException.of(
                        "XML with a DOCTYPE (DTD) is refused: send the document without it.");
                case XMLStreamConstants.ENTITY_REFERENCE -> throw InvalidMessageException.of(
                        "XML entity references other than the five predefined ones are refused.");
                case XMLStreamConstants.START_ELEMENT, XMLStreamConstants.END_ELEMENT,
                     XMLStreamConstants.END_DOCUMENT -> {
                    return event;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                    if (!reader.isWhiteSpace() && !reader.getText().isBlank()) {
                        throw InvalidMessageException.of("The XML has text where an element was expected.");
                    }
                }
                default -> {
                    // comments, processing instructions and white space carry nothing
                }
            }
        }
        return XMLStreamConstants.END_DOCUMENT;
    }

    /**
     * Reads the current element into a JSON value (SPEC §3): text-only elements become strings, elements with child
     * elements objects, and repeated child elements arrays.
     */
    static JsonNode readElement(XMLStreamReader reader, int depth) throws XMLStreamException {
        if (depth > EnvelopeReader.MAX_DEPTH) {
            throw InvalidMessageException.of("The XML is nested more than " + EnvelopeReader.MAX_DEPTH + " levels deep.");
        }
        StringBuilder text = new StringBuilder();
        Map<String, List<JsonNode>> children = null;
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (children == null) {
                        children = new LinkedHashMap<>();
                    }
                    String name = reader.getLocalName();
                    children.computeIfAbsent(name, n -> new ArrayList<>()).add(readElement(reader, depth + 1));
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        text.append(reader.getText());
                case XMLStreamConstants.END_ELEMENT -> {
                    return children == null ? TextNode.valueOf(text.toString()) : object(children);
                }
                case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE -> throw InvalidMessageException.of(
                        "XML entity references other than the five predefined ones are refused.");
                default -> {
                    // comments and processing instructions carry nothing
                }
            }
        }
        throw InvalidMessageException.of("The XML ends before its elements are closed.");
    }

    private static ObjectNode object(Map<String, List<JsonNode>> children) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        children.forEach((name, values) -> {
            if (values.size() == 1) {
                object.set(name, values.get(0));
            } else {
                object.set(name, JsonNodeFactory.instance.arrayNode().addAll(values));
            }
        });
        return object;
    }

    private static String xmlProblem(XMLStreamException e) {
        String message = e.getMessage() == null ? "malformed XML" : e.getMessage();
        int reason = message.indexOf("Message: ");
        if (message.startsWith("ParseError at") && reason > 0) {
            message = message.substring(reason + 9).trim(); // the JDK's parser puts the position first, then why
        }
        int newline = message.indexOf('\n');
        message = newline > 0 ? message.substring(0, newline) : message;
        if (e.getLocation() != null) {
            message += " (line " + e.getLocation().getLineNumber() + ", column " + e.getLocation().getColumnNumber()
                    + ")";
        }
        return message;
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // nothing to release beyond the byte array
            }
        }
    }
}
