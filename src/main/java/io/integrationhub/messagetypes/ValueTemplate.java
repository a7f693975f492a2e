package io.integrationhub.messagetypes;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.integrationhub.api.Timestamps;
import io.integrationhub.message.Envelope;

/**
 * A field map's value: text with {@code {name}} placeholders naming envelope fields ({@code {external_reference}}),
 * payload paths ({@code {payload.caller.name}}) or the message's receipt time ({@code {now}}, an ISO-8601 instant
 * in UTC such as {@code 2026-12-04T09:15:00.000Z}). A value that is one placeholder alone keeps the source's type
 * (a number, a list, an object); anything else renders as text, where an object or list has no place (a mapping
 * error). {@code \n}, {@code \t} and {@code \\} stand for a line break, a tab and a backslash: endpoint URIs, which
 * carry these values, cannot carry a line break itself.
 *
 * <p>A placeholder may pass its value through functions, written after {@code |} and applied left to right:
 * {@code {payload.x | trim | upper | default: N/A}}. White space around {@code |} and around an argument is
 * ignored. With functions the result is always text; the functions work on text or on a missing value (the
 * source's value absent or null; a number or boolean is its text as written, an object or list is a mapping
 * error):
 * <ul>
 * <li>{@code default: X} gives X when the value is missing or empty text, else the value.</li>
 * <li>{@code map: 1=High, 2=Medium, 3=Very low} looks the value's text up among the entries (exactly: JSON 1 and
 * XML "1" both match {@code 1}, but 1.0 does not, nor " 1"): a listed value gives its result, <b>any other value,
 * or a missing one, gives a missing value</b>, so that {@code | map: 1=High, 2=Medium | default: Low} gives Low
 * for everything else. Entries are separated by commas; a result runs from the first {@code =} to the comma and
 * may hold spaces and {@code =}.</li>
 * <li>{@code upper}, {@code lower} (locale-neutral) and {@code trim} (Unicode white space) change text.</li>
 * <li>{@code truncate: N} keeps the first N characters, counted in code points (an emoji is one).</li>
 * <li>{@code date: <DateTimeFormatter pattern>} reads an ISO-8601 date-time and writes it with the pattern in the
 * template's zone (see {@link DateFunction}); a value it cannot read is a mapping error.</li>
 * </ul>
 * A missing value passes through {@code map}, {@code upper}, {@code lower}, {@code trim}, {@code truncate} and
 * {@code date} unchanged; within a longer text it renders as nothing. An argument cannot hold {@code |} or
 * {@code }}, nor a {@code map} result a comma. Errors in the template (an unknown function, a missing or bad
 * argument) are thrown by {@link #parse} as {@link IllegalArgumentException}s, so a route file is refused.
 */
public final class ValueTemplate {

    private static final String NOW = "now";

    /** One {…}: its text for messages, the path it names ({@code ["now"]} for the receipt time), its functions. */
    private record Placeholder(String source, String[] path, List<TemplateFunction> functions) {

        boolean isNow() {
            return path.length == 1 && path[0].equals(NOW);
        }
    }

    private final List<Object> parts; // String literals and Placeholders, in order

    private ValueTemplate(List<Object> parts) {
        this.parts = parts;
    }

    /** A template whose {@code date} function writes times in UTC. */
    public static ValueTemplate parse(String raw) {
        return parse(raw, ZoneOffset.UTC);
    }

    /** A template whose {@code date} function writes times in {@code zone} (the hub's {@code hub.time-zone}). */
    public static ValueTemplate parse(String raw, ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
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
            parts.add(placeholder(template.substring(open, close + 1), template, zone));
            i = close + 1;
        }
        return new ValueTemplate(List.copyOf(parts));
    }

    private static Placeholder placeholder(String braced, String template, ZoneId zone) {
        String[] sections = braced.substring(1, braced.length() - 1).split("\\|", -1);
        String name = sections[0].strip();
        String[] path = name.split("\\.");
        boolean now = name.equals(NOW);
        if (!now && (name.isEmpty() || path[0].equals(NOW) || !Envelope.isKnownRoot(path[0]))) {
            throw new IllegalArgumentException("Unknown placeholder {" + name + "} in value '" + template
                    + "': use an envelope field (e.g. {external_reference}), {payload.<field>} or {now}");
        }
        String where = (braced.equals(template) ? "" : braced + " in ") + "value '" + template + "'";
        List<TemplateFunction> functions = new ArrayList<>();
        for (int s = 1; s < sections.length; s++) {
            functions.add(TemplateFunction.parse(sections[s], zone, where));
        }
        return new Placeholder("{" + name + "}", path, List.copyOf(functions));
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

    /**
     * The value for {@code field} (named in mapping errors): the source's own node for a lone placeholder without
     * functions (null when it names nothing), else text. {@code {now}} is {@code receivedAtEpochMillis}.
     */
    public JsonNode evaluate(String field, Envelope envelope, long receivedAtEpochMillis) {
        if (parts.size() == 1 && parts.get(0) instanceof Placeholder alone && alone.functions().isEmpty()) {
            return source(alone, envelope, receivedAtEpochMillis);
        }
        StringBuilder text = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof Placeholder placeholder) {
                String value = render(field, placeholder, envelope, receivedAtEpochMillis);
                if (value != null) {
                    text.append(value);
                }
            } else {
                text.append((String) part);
            }
        }
        return TextNode.valueOf(text.toString());
    }

    private static JsonNode source(Placeholder placeholder, Envelope envelope, long receivedAtEpochMillis) {
        return placeholder.isNow() ? TextNode.valueOf(Timestamps.iso(receivedAtEpochMillis))
                : envelope.lookup(placeholder.path());
    }

    /** The placeholder's text after its functions, or null for a missing value. */
    private static String render(String field, Placeholder placeholder, Envelope envelope, long receivedAt) {
        JsonNode value = source(placeholder, envelope, receivedAt);
        String text = null;
        if (value != null && !value.isNull() && !value.isMissingNode()) {
            if (!value.isValueNode()) {
                throw new MappingException(field, placeholder.source() + " is " + FieldType.describe(value)
                        + ", which has no place in a text");
            }
            text = FieldType.textOf(value);
        }
        for (TemplateFunction function : placeholder.functions()) {
            text = function.apply(field, placeholder.source(), text);
        }
        return text;
    }
}
