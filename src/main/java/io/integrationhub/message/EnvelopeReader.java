package io.integrationhub.message;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a CreateMessage body, JSON or XML, into an {@link Envelope}, or explains in a 400 what is wrong with it.
 * Parsers are bounded (nesting, string and number length) and XML refuses any DTD, so no entity is ever resolved.
 */
public final class EnvelopeReader {

    public static final int MAX_DEPTH = 64;
    private static final int MAX_NUMBER_LENGTH = 100;
    private static final int MAX_ENVELOPE_FIELD_LENGTH = 1000;
    private static final int MAX_PARTNER_LENGTH = 200;
    static final String[] ENVELOPE_FIELDS = {"payload", "integrationmode", "integrationPartner", "correlation_id",
        "external_action", "external_reference", "message_type"};
    static final int TYPE = 6;
    private static final String XML_ROOT = "CreateMessageRequest";

    private static final ObjectMapper JSON = jsonMapper();
    private static final JsonNodeFactory NODES = JSON.getNodeFactory();

    private EnvelopeReader() {
    }

    private static ObjectMapper jsonMapper() {
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .build())
                .build();
        ObjectMapper mapper = new ObjectMapper(factory);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        // Keep "3.50" as written, so that a JSON number and the same number as XML text map to the same bytes.
        mapper.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
        return mapper;
    }

    /** The stored form of a body's format: the format, and the charset when the partner named one other than UTF-8. */
    public static String storedFormat(BodyFormat format, String charset) {
        if (charset == null || Charset.forName(charset).equals(StandardCharsets.UTF_8)) {
            return format.stored();
        }
        return format.stored() + ";charset=" + charset;
    }

    /**
     * The envelope of a stored message: its body read as stored by {@link #storedFormat}. A second-generation body
     * is the payload alone ({@link PayloadReader}); the envelope's other fields are the row's.
     */
    public static Envelope readStored(io.integrationhub.store.StoredMessage message) {
        Envelope envelope = readStoredBody(message);
        // Ops' latest revision (SPEC §7) replaces the payload the partner sent; the rest of the envelope stays.
        return message.revisedPayload() == null ? envelope
                : envelope.withPayload(readObject(message.revisedPayload().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A JSON object (a revised payload, an ops request), read with the same bounds as a partner's body; an
     * {@link InvalidMessageException} says what is wrong with it.
     */
    public static ObjectNode readObject(byte[] json) {
        JsonNode root = json == null || json.length == 0 ? null : parseJson(json, null);
        if (root == null || !root.isObject()) {
            throw InvalidMessageException.of("The body must be a JSON object.");
        }
        return (ObjectNode) root;
    }

    private static Envelope readStoredBody(io.integrationhub.store.StoredMessage message) {
        String stored = message.bodyFormat();
        boolean payloadOnly = stored.startsWith(PayloadReader.STORED_PREFIX);
        if (payloadOnly) {
            stored = stored.substring(PayloadReader.STORED_PREFIX.length());
        }
        int semicolon = stored.indexOf(';');
        BodyFormat format = BodyFormat.fromStored(semicolon < 0 ? stored : stored.substring(0, semicolon));
        String charset = semicolon < 0 ? null : stored.substring(semicolon + ";charset=".length());
        if (payloadOnly) {
            return new Envelope(PayloadReader.read(message.body(), format, charset), message.integrationMode(),
                    message.partner(), message.correlationId(), message.externalAction(),
                    message.externalReference().isEmpty() ? null : message.externalReference(),
                    message.messageType());
        }
        // The row's type: a body may name it by its file's id, or not at all (the path named it).
        return read(message.body(), format, charset, message.messageType()).withMessageType(message.messageType());
    }

    public static Envelope read(byte[] body, BodyFormat format, String charset) {
        return read(body, format, charset, null);
    }

    /** {@code typeIfMissing}: the message type a body without one takes (the type named in the path, SPEC §3). */
    public static Envelope read(byte[] body, BodyFormat format, String charset, String typeIfMissing) {
        if (body == null || body.length == 0) {
            throw InvalidMessageException.of("The request body is empty: send a CreateMessage request.");
        }
        return format == BodyFormat.XML ? readXml(body, charset, typeIfMissing)
                : readJson(body, charset, typeIfMissing);
    }

    private static Envelope readJson(byte[] body, String charset, String typeIfMissing) {
        JsonNode root = parseJson(body, charset);
        if (root == null || root.isMissingNode()) {
            throw InvalidMessageException.of("The request body is empty: send a CreateMessage request.");
        }
        if (!root.isObject()) {
            throw InvalidMessageException.of("The request body must be a JSON object with the CreateMessage fields.");
        }
        List<String> problems = new ArrayList<>();
        JsonNode payload = root.get("payload");
        if (payload == null || payload.isNull()) {
            problems.add("payload is missing");
        } else if (!payload.isObject()) {
            problems.add("payload must be an object");
        } else if (payload.isEmpty()) {
            problems.add("payload is empty");
        }
        String[] values = new String[ENVELOPE_FIELDS.length];
        for (int i = 1; i < ENVELOPE_FIELDS.length; i++) {
            JsonNode node = root.get(ENVELOPE_FIELDS[i]);
            if ((node == null || node.isNull()) && i == TYPE && typeIfMissing != null) {
                values[i] = typeIfMissing;
            } else if (node == null || node.isNull()) {
                problems.add(ENVELOPE_FIELDS[i] + " is missing");
            } else if (!node.isTextual()) {
                problems.add(ENVELOPE_FIELDS[i] + " must be a string");
            } else {
                values[i] = node.textValue();
            }
        }
        return envelope(payload instanceof ObjectNode o ? o : null, values, problems);
    }

    /** A JSON body parsed with the bounded parser, or a 400 saying where it is broken; null when empty. */
    static JsonNode parseJson(byte[] body, String charset) {
        JsonNode root;
        try {
            if (charset == null || Charset.forName(charset).equals(StandardCharsets.UTF_8)) {
                root = JSON.readTree(body);
            } else {
                root = JSON.readTree(decodeStrictly(body, Charset.forName(charset)));
            }
        } catch (JsonProcessingException e) {
            throw InvalidMessageException.of("The request body is not valid JSON.", e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        } catch (CharacterCodingException e) {
            throw InvalidMessageException.of("The request body is not valid " + charset + " text.");
        } catch (java.io.IOException e) {
            throw InvalidMessageException.of("The request body could not be read as JSON.", e.getMessage());
        }
        return root;
    }

    private static String decodeStrictly(byte[] body, Charset charset) throws CharacterCodingException {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(body))
                .toString();
    }

    private static Envelope readXml(byte[] body, String charset, String typeIfMissing) {
        List<String> problems = new ArrayList<>();
        String[] values = new String[ENVELOPE_FIELDS.length];
        ObjectNode payload = BoundedXml.read(body, charset, reader -> readEnvelopeXml(reader, values, problems));
        if (payload == null && !problems.contains("payload must be an object")) {
            problems.add(0, "payload is missing");
        } else if (payload != null && payload.isEmpty()) {
            problems.add(0, "payload is empty");
        }
        if (values[TYPE] == null && typeIfMissing != null) {
            values[TYPE] = typeIfMissing;
        }
        for (int i = 1; i < ENVELOPE_FIELDS.length; i++) {
            String field = ENVELOPE_FIELDS[i];
            if (values[i] == null && problems.stream().noneMatch(p -> p.startsWith(field + " "))) {
                problems.add(field + " is missing");
            }
        }
        return envelope(payload, values, problems);
    }

    /** The {@code <CreateMessageRequest>} document: its payload, with the envelope's fields put in {@code values}. */
    private static ObjectNode readEnvelopeXml(XMLStreamReader reader, String[] values, List<String> problems)
            throws XMLStreamException {
        if (BoundedXml.nextStructural(reader) != XMLStreamConstants.START_ELEMENT) {
            throw InvalidMessageException.of("The request body is not an XML document with a <" + XML_ROOT
                    + "> element.");
        }
        if (!XML_ROOT.equals(reader.getLocalName())) {
            throw InvalidMessageException.of("The XML root element must be <" + XML_ROOT + ">, not <"
                    + reader.getLocalName() + ">.");
        }
        ObjectNode payload = null;
        Set<String> seen = new HashSet<>();
        while (BoundedXml.nextStructural(reader) == XMLStreamConstants.START_ELEMENT) {
            String name = reader.getLocalName();
            int index = indexOf(name);
            if (index >= 0 && !seen.add(name)) {
                throw InvalidMessageException.of("The element <" + name + "> appears more than once.");
            }
            JsonNode node = BoundedXml.readElement(reader, 2); // unknown elements are read and ignored
            if (index == 0 && node instanceof ObjectNode object) {
                payload = object;
            } else if (index == 0 && !node.asText().isBlank()) {
                problems.add("payload must be an object");
            } else if (index == 0) {
                payload = NODES.objectNode();
            } else if (index > 0 && node.isObject()) {
                problems.add(name + " must be text");
            } else if (index > 0) {
                values[index] = node.textValue();
            }
        }
        BoundedXml.requireEnd(reader, XML_ROOT);
        return payload;
    }

    static Envelope envelope(ObjectNode payload, String[] values, List<String> problems) {
        for (int i = 1; i < ENVELOPE_FIELDS.length; i++) {
            String value = values[i];
            if (value == null) {
                continue;
            }
            int max = i == 2 ? MAX_PARTNER_LENGTH : MAX_ENVELOPE_FIELD_LENGTH;
            if (value.isBlank()) {
                problems.add(ENVELOPE_FIELDS[i] + " is empty");
            } else if (value.length() > max) {
                problems.add(ENVELOPE_FIELDS[i] + " is longer than " + max + " characters");
            }
        }
        String mode = values[1];
        if (mode != null && !mode.isBlank() && !Envelope.ASYNCHRONOUS.equals(mode)
                && !Envelope.SYNCHRONOUS.equals(mode)) {
            problems.add("integrationmode must be \"asynchronous\" or \"synchronous\", not \"" + shorten(mode) + "\"");
        }
        if (values[2] != null && !values[2].isBlank() && PartnerIds.of(values[2]).isEmpty()) {
            problems.add("integrationPartner must contain a letter or digit");
        }
        if (!problems.isEmpty()) {
            throw new InvalidMessageException("The request is not a valid CreateMessage request: "
                    + String.join("; ", problems) + ".", problems);
        }
        return new Envelope(payload, values[1], values[2], values[3], values[4], values[5], values[6]);
    }

    private static int indexOf(String name) {
        for (int i = 0; i < ENVELOPE_FIELDS.length; i++) {
            if (ENVELOPE_FIELDS[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String shorten(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }

}
