package io.integrationhub.messagetypes;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * The type a field map declares for a target field (SPEC §3). JSON values and XML text both convert to it, so that
 * the two forms of one message produce the same request; a value that does not convert is a mapping error.
 */
public enum FieldType {
    STRING, INTEGER, NUMBER, BOOLEAN, LIST, OBJECT;

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    public static FieldType of(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown field type '" + name
                    + "': use string, integer, number, boolean, list or object");
        }
    }

    /** The converted value, or null when the source has no value (the field is then left out). */
    public JsonNode convert(String field, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()
                || (value.isTextual() && value.textValue().isEmpty())) {
            return null;
        }
        return switch (this) {
            case STRING -> toText(field, value);
            case INTEGER -> toInteger(field, value);
            case NUMBER -> toNumber(field, value);
            case BOOLEAN -> toBoolean(field, value);
            case LIST -> value.isArray() ? value : NODES.arrayNode().add(value);
            case OBJECT -> {
                if (!value.isObject()) {
                    throw new MappingException(field, "expected an object, got " + describe(value));
                }
                yield value;
            }
        };
    }

    /** Converts each element of a list, or each member of an object, to this type; those without a value go. */
    public JsonNode convertEach(String field, JsonNode container) {
        if (container.isObject()) {
            ObjectNode out = NODES.objectNode();
            container.fields().forEachRemaining(member -> {
                JsonNode converted = convert(field + "." + member.getKey(), member.getValue());
                if (converted != null) {
                    out.set(member.getKey(), converted);
                }
            });
            return out;
        }
        ArrayNode out = NODES.arrayNode();
        for (JsonNode element : container) {
            JsonNode converted = convert(field, element);
            if (converted != null) {
                out.add(converted);
            }
        }
        return out;
    }

    private static JsonNode toText(String field, JsonNode value) {
        if (value.isTextual()) {
            return value;
        }
        if (value.isNumber() || value.isBoolean()) {
            return TextNode.valueOf(textOf(value));
        }
        throw new MappingException(field, "expected text, got " + describe(value));
    }

    private static JsonNode toInteger(String field, JsonNode value) {
        try {
            BigDecimal number = value.isNumber() ? value.decimalValue()
                    : value.isTextual() ? new BigDecimal(value.textValue().trim()) : null;
            if (number != null) {
                BigInteger exact = number.toBigIntegerExact();
                return exact.bitLength() < 64 ? NODES.numberNode(exact.longValue()) : NODES.numberNode(exact);
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // falls through to the mapping error below
        }
        throw new MappingException(field, "expected an integer, got " + describe(value));
    }

    private static JsonNode toNumber(String field, JsonNode value) {
        try {
            if (value.isIntegralNumber()) {
                return value;
            }
            if (value.isNumber()) {
                return DecimalNode.valueOf(value.decimalValue());
            }
            if (value.isTextual()) {
                String text = value.textValue().trim();
                BigDecimal number = new BigDecimal(text);
                return text.matches("-?\\d+") ? NODES.numberNode(number.toBigIntegerExact())
                        : DecimalNode.valueOf(number);
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // falls through to the mapping error below
        }
        throw new MappingException(field, "expected a number, got " + describe(value));
    }

    private static JsonNode toBoolean(String field, JsonNode value) {
        if (value.isBoolean()) {
            return value;
        }
        if (value.isTextual()) {
            String text = value.textValue().trim().toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) {
                return BooleanNode.valueOf(text.equals("true"));
            }
        }
        throw new MappingException(field, "expected true or false, got " + describe(value));
    }

    /** A value node as text: numbers as written (never in exponent form), booleans as true/false. */
    static String textOf(JsonNode value) {
        return value.isBigDecimal() ? value.decimalValue().toPlainString() : value.asText();
    }

    static String describe(JsonNode value) {
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "a list";
        }
        String text = value.asText();
        return "'" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'";
    }

    static ObjectNode newObject() {
        return NODES.objectNode();
    }
}
