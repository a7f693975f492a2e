package io.integrationhub.messagetypes;

import java.util.List;
import java.util.Set;

import org.apache.camel.CamelContext;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.FilterDefinition;
import org.apache.camel.model.HasExpressionType;
import org.apache.camel.model.OtherwiseDefinition;
import org.apache.camel.model.FromDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.model.WhenDefinition;
import org.apache.camel.model.language.ExpressionDefinition;
import org.apache.camel.spi.Language;
import org.apache.camel.LineNumberAware;

/**
 * Checks a message type file's route step by step before it is added, so that a mistake is reported with the line
 * of the step that makes it (SPEC §5 "File errors"): Camel's own route build names the step but not its line. Each
 * endpoint is resolved (field, connector and message-type parameters are checked there) and each condition or
 * expression is compiled in its language.
 */
final class RouteFileCheck {

    /**
     * A message type's steps map and pick a target; the hub sends the message itself, once, with retries and dead
     * letters. A step that calls another endpoint would send outside all that, and on a dry run too.
     */
    private static final Set<String> ALLOWED_SCHEMES = Set.of(FieldComponent.SCHEME, ConnectorComponent.SCHEME, "log");
    private static final Set<String> SENDING_STEPS = Set.of("ToDynamicDefinition", "WireTapDefinition",
            "EnrichDefinition", "PollEnrichDefinition", "RecipientListDefinition", "RoutingSlipDefinition",
            "DynamicRouterDefinition", "KameletDefinition", "MulticastDefinition");

    private final CamelContext context;

    RouteFileCheck(CamelContext context) {
        this.context = context;
    }

    /** Throws {@link RouteFileException} for the first step that would not build. */
    void check(RouteDefinition route) {
        FromDefinition from = route.getInput();
        endpoint(from.getEndpointUri(), lineOf(from, route));
        for (ProcessorDefinition<?> step : route.getOutputs()) {
            visit(step, lineOf(route, null));
        }
    }

    private void visit(Object step, int around) {
        int line = lineOf(step, around);
        if (SENDING_STEPS.contains(step.getClass().getSimpleName())) {
            throw new RouteFileException(line, notSent(step.getClass().getSimpleName()
                    .replace("Definition", "")));
        }
        if (step instanceof SendDefinition<?> send && send.getEndpointUri() != null) {
            String scheme = send.getEndpointUri().replaceFirst(":.*$", "");
            if (!ALLOWED_SCHEMES.contains(scheme)) {
                throw new RouteFileException(line, notSent("to '" + send.getEndpointUri() + "'"));
            }
            endpoint(send.getEndpointUri(), line);
        }
        if (step instanceof HasExpressionType node && node.getExpressionType() != null) {
            expression(node.getExpressionType(), step instanceof WhenDefinition || step instanceof FilterDefinition,
                    line);
        }
        if (step instanceof ChoiceDefinition choice) {
            choice.getWhenClauses().forEach(when -> visit(when, line));
            if (choice.getOtherwise() != null) {
                visit(choice.getOtherwise(), line);
            }
            return;
        }
        List<ProcessorDefinition<?>> outputs = step instanceof ProcessorDefinition<?> p ? p.getOutputs()
                : step instanceof WhenDefinition when ? when.getOutputs()
                : step instanceof OtherwiseDefinition otherwise ? otherwise.getOutputs() : List.of();
        for (ProcessorDefinition<?> output : outputs) {
            visit(output, line);
        }
    }

    private static String notSent(String step) {
        return step + " is not allowed in a message type file: its steps map fields (field:), pick a target "
                + "(connector:) or log (log:); the hub sends the message itself, with retries and dead letters";
    }

    private void endpoint(String uri, int line) {
        try {
            context.getEndpoint(uri);
        } catch (RuntimeException e) {
            throw new RouteFileException(line, rootMessage(e));
        }
    }

    private void expression(ExpressionDefinition expression, boolean predicate, int line) {
        String name = expression.getLanguage();
        if (name == null) {
            return; // an expression given in Java, not in a file
        }
        Language language;
        try {
            language = context.resolveLanguage(name);
        } catch (RuntimeException e) {
            throw new RouteFileException(line, "no language '" + name + "' in this hub: use simple, jq or jsonpath "
                    + "(or another language the hub ships)");
        }
        try {
            if (predicate) {
                language.createPredicate(expression.getExpression());
            } else {
                language.createExpression(expression.getExpression());
            }
            if ("jsonpath".equals(name)) {
                compileJsonPath(expression.getExpression(), predicate);
            }
        } catch (RuntimeException e) {
            throw new RouteFileException(line, name + " '" + expression.getExpression() + "': " + rootMessage(e));
        }
    }

    /** Camel compiles a jsonpath only at its first message: compiled here, a broken one is a file error. */
    private static void compileJsonPath(String text, boolean predicate) {
        if (text.contains("${")) {
            return; // simple placeholders are filled in per message, then compiled
        }
        com.jayway.jsonpath.JsonPath.compile(predicate
                ? new org.apache.camel.jsonpath.easypredicate.EasyPredicateParser().parse(text) : text);
    }

    private static int lineOf(Object node, Object parent) {
        int line = node instanceof LineNumberAware aware ? aware.getLineNumber() : -1;
        if (line < 0 && parent instanceof LineNumberAware aware) {
            line = aware.getLineNumber();
        }
        return line;
    }

    private static int lineOf(Object node, int around) {
        int line = node instanceof LineNumberAware aware ? aware.getLineNumber() : -1;
        return line >= 0 ? line : around;
    }

    /** The innermost message, which says what is wrong; Camel's wrappers only repeat the step. */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }
}
