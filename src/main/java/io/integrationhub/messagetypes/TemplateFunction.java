package io.integrationhub.messagetypes;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One function after a {@code |} in a {@link ValueTemplate} placeholder: turns the value's text, or null for a
 * missing value, into the next text or null. {@link #parse} refuses an unknown function or a missing or bad argument
 * with an {@link IllegalArgumentException} that says how to write it; {@link #apply} throws a
 * {@link MappingException} for a value it cannot work on. The functions and their rules are listed on
 * {@link ValueTemplate}.
 */
@FunctionalInterface
interface TemplateFunction {

    List<String> NAMES = List.of("default", "map", "upper", "lower", "trim", "truncate", "date");
    String KNOWN = String.join(", ", NAMES.subList(0, NAMES.size() - 1)) + " or " + NAMES.get(NAMES.size() - 1);

    /** {@code source} is the placeholder, e.g. {@code {payload.due}}, for mapping errors. */
    String apply(String field, String source, String value);

    /**
     * The function written as {@code spec} ({@code name} or {@code name: argument}); {@code where} names the
     * placeholder and value for errors, and {@code zone} is where {@code date} writes times.
     */
    static TemplateFunction parse(String spec, ZoneId zone, String where) {
        int colon = spec.indexOf(':');
        String name = (colon < 0 ? spec : spec.substring(0, colon)).strip();
        String argument = colon < 0 ? null : spec.substring(colon + 1).strip();
        return switch (name) {
            case "default" -> {
                String fallback = required(argument, name, "a fallback", "default: N/A", where);
                yield (field, source, value) -> value == null || value.isEmpty() ? fallback : value;
            }
            case "map" -> {
                Map<String, String> entries = entries(required(argument, name, "entries", "map: 1=High, 2=Low",
                        where), where);
                yield (field, source, value) -> value == null ? null : entries.get(value);
            }
            case "upper" -> textOnly(argument, name, where, text -> text.toUpperCase(Locale.ROOT));
            case "lower" -> textOnly(argument, name, where, text -> text.toLowerCase(Locale.ROOT));
            case "trim" -> textOnly(argument, name, where, String::strip);
            case "truncate" -> {
                int length = length(required(argument, name, "a length", "truncate: 80", where), where);
                yield (field, source, value) -> value == null || value.codePointCount(0, value.length()) <= length
                        ? value : value.substring(0, value.offsetByCodePoints(0, length));
            }
            case "date" -> DateFunction.of(required(argument, name, "a pattern", "date: dd.MM.yyyy HH:mm", where),
                    zone, where);
            default -> throw unknown(name, spec, where);
        };
    }

    private static String required(String argument, String name, String what, String example, String where) {
        if (argument == null || argument.isEmpty()) {
            throw new IllegalArgumentException("The function " + name + " needs " + what + " in " + where
                    + ": write e.g. | " + example);
        }
        return argument;
    }

    private static TemplateFunction textOnly(String argument, String name, String where,
                                             UnaryOperator<String> change) {
        if (argument != null) {
            throw new IllegalArgumentException("The function " + name + " takes no argument, but has ': "
                    + argument + "' in " + where + ": write | " + name);
        }
        return (field, source, value) -> value == null ? null : change.apply(value);
    }

    private static Map<String, String> entries(String argument, String where) {
        Map<String, String> entries = new HashMap<>();
        for (String entry : argument.split(",", -1)) {
            if (entry.isBlank()) {
                throw new IllegalArgumentException("The map in " + where + " has an empty entry: remove the comma"
                        + " at its end or the second of two commas");
            }
            int equals = entry.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("The map entry '" + entry.strip() + "' in " + where
                        + " has no '=': write entries as value=result, separated by commas, e.g. | map: 1=High,"
                        + " 2=Medium");
            }
            String key = entry.substring(0, equals).strip();
            if (entries.put(key, entry.substring(equals + 1).strip()) != null) {
                throw new IllegalArgumentException("The map in " + where + " lists '" + key + "' twice: keep"
                        + " one entry for it");
            }
        }
        return Map.copyOf(entries);
    }

    private static int length(String argument, String where) {
        try {
            if (argument.chars().allMatch(c -> c >= '0' && c <= '9')) {
                int length = Integer.parseInt(argument);
                if (length > 0) {
                    return length;
                }
            }
        } catch (NumberFormatException e) {
            // too large for an int: refused below like any other bad length
        }
        throw new IllegalArgumentException("truncate: " + argument + " in " + where + " is not a length: write a"
                + " positive whole number of characters, e.g. | truncate: 80");
    }

    private static IllegalArgumentException unknown(String name, String spec, String where) {
        if (name.isEmpty()) {
            return new IllegalArgumentException("A '|' in " + where + " has no function after it: name one of "
                    + KNOWN + ", or remove the '|'");
        }
        // "truncate 80": the name is known, the ':' before the argument is missing
        String first = name.split("\\s+")[0];
        if (!first.equals(name) && NAMES.contains(first)) {
            return new IllegalArgumentException("The function " + first + " in " + where + " needs a ':' before"
                    + " its argument: write | " + first + ": " + spec.strip().substring(first.length()).strip());
        }
        return new IllegalArgumentException("Unknown function '" + name + "' in " + where + ": use " + KNOWN);
    }
}
