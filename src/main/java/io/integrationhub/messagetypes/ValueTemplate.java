package io.integrationhub.messagetypes;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.integrationhub.inbound.Envelope;

/**
 * A field map's value: text with {@code {name}} placeholders naming envelope fields ({@code {external_reference}})
 * or payload paths ({@code {payload.caller.name}}). A value that is one placeholder alone keeps the source's type
 * (a number, a list, an object); anything else renders as text, where an object or list has no place (a mapping
 * error). {@code \n}, {@code \t} and {@code \\} stand for a line break, a tab and a backslash: endpoint URIs, which
 * carry these values, cannot carry a line break itself.
 */
public final class ValueTemplate {

    private final List<Object> parts; // String literals and String[] paths, in order

    private ValueTemplate(List<Object> parts) {
        this.parts = parts;
    }

    public static ValueTemplate parse(String raw) {
        String template = unescape(raw);
        List<Object> parts = new ArrayList<>();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                parts.add(template.substring(i));
                break;
            }
            if (open > i) {
                parts.add(template.substring(i, open));
            }
            int close = template.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException("Unclosed '{' in value '" + template + "'");
            }
            String name = template.substring(open + 1, close).trim();
            String[] path = name.split("\\.");
            if (name.isEmpty() || !Envelope.isKnownRoot(path[0])) {
                throw new IllegalArgumentException("Unknown placeholder {" + name + "} in value '" + template
                        + "': use an envelope field (e.g. {external_reference}) or {payload.<field>}");
            }
            parts.add(path);
            i = close + 1;
        }
        return new ValueTemplate(List.copyOf(parts));
    }

    private static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(i + 1);
                switch (next) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case '\\' -> out.append('\\');
                    default -> out.append(c).append(next);
                }
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    public JsonNode evaluate(String field, Envelope envelope) {
        if (parts.size() == 1 && parts.get(0) instanceof String[] path) {
            return envelope.lookup(path);
        }
        StringBuilder text = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof String literal) {
                text.append(literal);
            } else {
                JsonNode value = envelope.lookup((String[]) part);
                if (value != null && !value.isNull()) {
                    if (!value.isValueNode()) {
                        throw new MappingException(field, "{" + String.join(".", (String[]) part) + "} is "
                                + FieldType.describe(value) + ", which has no place in a text");
                    }
                    text.append(FieldType.textOf(value));
                }
            }
        }
        return TextNode.valueOf(text.toString());
    }
}
