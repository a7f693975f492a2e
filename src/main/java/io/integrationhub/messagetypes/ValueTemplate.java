package io.integrationhub.messagetypes;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.integrationhub.inbound.Envelope;

/**
 * A field map's value: text with {@code {name}} placeholders naming envelope fields ({@code {external_reference}})
 * or payload paths ({@code {payload.caller.name}}). A value that is one placeholder alone keeps the source's type
 * (a number, a list, an object); anything else renders as text.
 */
public final class ValueTemplate {

    private final List<Object> parts; // String literals and String[] paths, in order

    private ValueTemplate(List<Object> parts) {
        this.parts = parts;
    }

    public static ValueTemplate parse(String template) {
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

    public JsonNode evaluate(Envelope envelope) {
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
                    text.append(value.isValueNode() ? FieldType.textOf(value) : value.toString());
                }
            }
        }
        return TextNode.valueOf(text.toString());
    }
}
