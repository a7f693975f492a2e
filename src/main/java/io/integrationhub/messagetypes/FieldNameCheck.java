package io.integrationhub.messagetypes;

import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.CircuitBreakerDefinition;
import org.apache.camel.model.EndpointRequiredDefinition;
import org.apache.camel.model.FromDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.TryDefinition;
import org.apache.camel.util.URISupport;

/**
 * Checks that every field step of a parsed message type route names a field of the connector it maps to (SPEC: "a
 * field step names a field its connector has"). The route's steps are walked in order, through nested outputs
 * ({@code choice} clauses, {@code filter}, {@code doTry}, ...); the connector starts as the file's default and a
 * {@code to: connector:<name>} switches it for the steps after it in its branch, nested branches included, but not
 * outside that branch. Each branch (a {@code when}, the {@code otherwise}, a {@code filter}'s steps, ...) starts
 * from the connector in effect at the step that holds it.
 * <p>
 * Each problem is one line, {@code line N: <reason>}, with the step's line in its YAML file as Camel's YAML DSL
 * records it on every model node (no setting needed): the {@code - to:} line of a block or scalar step, the
 * {@code uri:} line of a {@code route}'s {@code from}; a flow-style step ({@code - to: {uri: …}}) is one line early,
 * as Camel counts a mapping that starts on its key's line. A model without line numbers (built in Java) gets
 * {@code step K (<uri>)} instead, K counting steps in walk order. No problems means the file's field names are all
 * valid. The check reads the model only: no endpoint is resolved.
 */
public final class FieldNameCheck {

    /** The scheme of a branch's connector switch, {@code connector:<name>}. */
    public static final String CONNECTOR_SCHEME = "connector";

    private final Map<String, Set<String>> fieldsByConnector;
    private final List<String> problems = new ArrayList<>();
    private int position;

    private FieldNameCheck(Map<String, Set<String>> fieldsByConnector) {
        this.fieldsByConnector = fieldsByConnector;
    }

    /**
     * The problems of {@code route}'s field and connector steps, in file order; empty when there are none.
     *
     * @param defaultConnector  the connector of the route's {@code from} ({@link #defaultConnectorOf})
     * @param fieldsByConnector each known connector's fields, e.g. {@code ConnectorFields.all()}
     */
    public static List<String> problems(RouteDefinition route, String defaultConnector,
                                        Map<String, Set<String>> fieldsByConnector) {
        FieldNameCheck check = new FieldNameCheck(fieldsByConnector);
        String start = check.connector(defaultConnector, check.whereFrom(route));
        check.walk(route.getOutputs(), start);
        return List.copyOf(check.problems);
    }

    /** The {@code connector=} parameter of the route's {@code from} uri, or empty when it has none. */
    public static Optional<String> defaultConnectorOf(RouteDefinition route) {
        FromDefinition from = route.getInput();
        String uri = from == null ? null : from.getEndpointUri();
        int query = uri == null ? -1 : uri.indexOf('?');
        if (query < 0) {
            return Optional.empty();
        }
        try {
            Object connector = URISupport.parseQuery(uri.substring(query + 1)).get("connector");
            return Optional.ofNullable(connector).map(Object::toString);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Walks one branch; {@code entry} is the connector in effect where it begins. */
    private void walk(List<ProcessorDefinition<?>> steps, String entry) {
        String current = entry;
        for (ProcessorDefinition<?> step : steps) {
            position++;
            if (step instanceof EndpointRequiredDefinition endpoint && endpoint.getEndpointUri() != null) {
                current = visit(step, endpoint.getEndpointUri(), current);
            }
            for (List<ProcessorDefinition<?>> branch : branchesOf(step)) {
                walk(branch, current);
            }
        }
    }

    /** Checks one endpoint step and returns the connector in effect after it. */
    private String visit(ProcessorDefinition<?> step, String uri, String current) {
        String withoutQuery = withoutQuery(uri);
        String where = where(step, withoutQuery);
        if (withoutQuery.startsWith(CONNECTOR_SCHEME + ":")) {
            return connector(remainder(withoutQuery, CONNECTOR_SCHEME), where);
        }
        if (withoutQuery.startsWith(FieldComponent.SCHEME + ":") && current != null) {
            field(remainder(withoutQuery, FieldComponent.SCHEME), current, where);
        }
        return current;
    }

    /** The connector itself when known; null (no field checks after it, the reason is reported once) when not. */
    private String connector(String name, String where) {
        if (name != null && fieldsByConnector.containsKey(name)) {
            return name;
        }
        problems.add(where + ": unknown connector '" + (name == null ? "" : name) + "': use one of "
                + String.join(", ", fieldsByConnector.keySet()));
        return null;
    }

    private void field(String name, String connector, String where) {
        Set<String> fields = fieldsByConnector.get(connector);
        if (fields.contains(name)) {
            return;
        }
        String list = String.join(", ", fields);
        if (name.isEmpty()) {
            problems.add(where + ": field: names no field; the fields of " + connector + " are " + list);
            return;
        }
        String hint = NearestName.among(name, fields).map(nearest -> "did you mean " + nearest + "?")
                .orElse("its fields are " + list);
        problems.add(where + ": " + name + " is not a field of " + connector + "; " + hint);
    }

    private String where(ProcessorDefinition<?> step, String uri) {
        return step.getLineNumber() > 0 ? "line " + step.getLineNumber() : "step " + position + " (" + uri + ")";
    }

    private String whereFrom(RouteDefinition route) {
        FromDefinition from = route.getInput();
        if (from != null && from.getLineNumber() > 0) {
            return "line " + from.getLineNumber();
        }
        return route.getLineNumber() > 0 ? "line " + route.getLineNumber()
                : "from (" + (from == null ? "" : withoutQuery(from.getEndpointUri())) + ")";
    }

    /**
     * The step lists nested in a step, each a branch of its own: a choice's clauses, a doTry's body, catches and
     * finally, a circuit breaker's body and fallback, and any other step's outputs (filter, split, loop, ...).
     */
    private static List<List<ProcessorDefinition<?>>> branchesOf(ProcessorDefinition<?> step) {
        List<List<ProcessorDefinition<?>>> branches = new ArrayList<>();
        if (step instanceof ChoiceDefinition choice) {
            // A choice's getOutputs() flattens its clauses into one list, which would carry a when's switch onward.
            choice.getWhenClauses().forEach(when -> branches.add(when.getOutputs()));
            if (choice.getOtherwise() != null) {
                branches.add(choice.getOtherwise().getOutputs());
            }
        } else if (step instanceof TryDefinition doTry) {
            // A doTry's getOutputs() holds its body only; the catches and the finally are alternatives beside it.
            branches.add(doTry.getOutputsWithoutCatches());
            doTry.getCatchClauses().forEach(doCatch -> branches.add(doCatch.getOutputs()));
            if (doTry.getFinallyClause() != null) {
                branches.add(doTry.getFinallyClause().getOutputs());
            }
        } else {
            branches.add(step.getOutputs());
            if (step instanceof CircuitBreakerDefinition breaker && breaker.getOnFallback() != null) {
                branches.add(breaker.getOnFallback().getOutputs());
            }
        }
        branches.removeIf(Objects::isNull);
        return branches;
    }

    private static String withoutQuery(String uri) {
        int query = uri == null ? -1 : uri.indexOf('?');
        return query < 0 ? String.valueOf(uri) : uri.substring(0, query);
    }

    /** The part after {@code scheme:}, also in the {@code scheme://name} form Camel accepts. */
    private static String remainder(String uri, String scheme) {
        String rest = uri.substring(scheme.length() + 1);
        return (rest.startsWith("//") ? rest.substring(2) : rest).trim();
    }
}
