package io.integrationhub.messagetypes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.errorhandler.NoErrorHandlerDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.spi.RoutesLoader;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads and watches {@code routes/message-types/}, one file at a time (SPEC §5): a new file adds its type, a changed
 * file replaces it, a deleted file removes it, and a broken file is reported while the last good version of every
 * type keeps running. Camel's own route reloading stops on a broken file and keeps deleted routes (STYLE.md), hence
 * this class.
 */
public final class MessageTypeFiles {

    private static final Logger LOG = LoggerFactory.getLogger(MessageTypeFiles.class);

    private record Loaded(byte[] digest, RouteDefinition route, String messageType, int revision) {
    }

    private final CamelContext context;
    private final Path directory;
    private final Map<Path, Loaded> loaded = new HashMap<>();
    private final Map<Path, byte[]> brokenDigests = new HashMap<>();
    private final Map<String, String> broken = new ConcurrentHashMap<>();
    /** Files refused only because another file served their message_type: tried again once it no longer does. */
    private final Map<Path, String> duplicates = new HashMap<>();

    private final Map<String, java.util.Set<String>> fieldsByConnector;

    /** {@code fieldsByConnector}: the fields each connector's target has, which field steps may name. */
    public MessageTypeFiles(CamelContext context, Path directory,
                            Map<String, java.util.Set<String>> fieldsByConnector) {
        this.context = context;
        this.directory = directory;
        this.fieldsByConnector = Map.copyOf(fieldsByConnector);
    }

    /** A file's id, by which a path may name its type: its name without .yaml or .yml. */
    static String fileId(Path file) {
        return file.getFileName().toString().replaceFirst("(?i)\\.ya?ml$", "");
    }

    private MessageTypeRegistry registry() {
        return context.getComponent(MessageTypeComponent.SCHEME, MessageTypeComponent.class).registry();
    }

    /** The route id of a file: unique per file, so that a copy under a new name is a new route. */
    public static String routeId(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = (dot > 0 ? name.substring(0, dot) : name).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return "message-type-" + base;
    }

    /** Brings the running routes in line with the files; called at start and then every few seconds. */
    public synchronized void scan() {
        Map<Path, byte[]> present = new TreeMap<>();
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.filter(MessageTypeFiles::isRouteFile).sorted().toList()) {
                    try {
                        present.put(file, digest(Files.readAllBytes(file)));
                    } catch (IOException e) {
                        LOG.warn("Cannot read message type file {}: {}", file.getFileName(), e.getMessage());
                    }
                }
            } catch (IOException e) {
                LOG.warn("Cannot list {}: {}", directory, e.getMessage());
                return;
            }
        }
        for (Path gone : new ArrayList<>(loaded.keySet())) {
            if (!present.containsKey(gone)) {
                remove(gone);
            }
        }
        brokenDigests.keySet().removeIf(p -> {
            boolean missing = !present.containsKey(p);
            if (missing) {
                broken.remove(p.getFileName().toString());
            }
            return missing;
        });
        present.forEach((file, digest) -> {
            Loaded current = loaded.get(file);
            boolean unchanged = current != null && Arrays.equals(current.digest(), digest)
                    && !brokenDigests.containsKey(file);
            boolean stillBroken = brokenDigests.containsKey(file) && Arrays.equals(brokenDigests.get(file), digest);
            if (!unchanged && !stillBroken) {
                load(file, digest);
            }
        });
        duplicates.keySet().retainAll(present.keySet());
        for (Map.Entry<Path, String> duplicate : new ArrayList<>(duplicates.entrySet())) {
            if (servedByAnotherFile(duplicate.getKey(), duplicate.getValue()) == null) {
                load(duplicate.getKey(), present.get(duplicate.getKey()));
            }
        }
    }

    private Path servedByAnotherFile(Path file, String messageType) {
        for (Map.Entry<Path, Loaded> other : loaded.entrySet()) {
            if (!other.getKey().equals(file) && other.getValue().messageType().equals(messageType)) {
                return other.getKey();
            }
        }
        return null;
    }

    /** The files whose current version serves, by name. */
    public synchronized List<String> loadedFiles() {
        return loaded.keySet().stream().filter(f -> !brokenDigests.containsKey(f))
                .map(f -> f.getFileName().toString()).sorted().toList();
    }

    /** Files that did not load, with the reason: named in health details. */
    public Map<String, String> broken() {
        return Map.copyOf(broken);
    }

    private void load(Path file, byte[] digest) {
        RouteDefinition route;
        String messageType;
        try {
            route = checked(file);
            messageType = messageTypeOf(route);
        } catch (Exception e) {
            markBroken(file, digest, e);
            return;
        }
        Loaded previous = loaded.get(file);
        // A route id per revision: the new version starts beside the old one and takes its type over, then the
        // old one stops (after its messages in flight): a partner never finds the type missing meanwhile.
        int revision = previous == null ? 1 : previous.revision() + 1;
        if (revision > 1) {
            route.setId(route.getRouteId() + "~" + revision); // '~' is never in a file's own id
        }
        try {
            if (context.getRoute(route.getRouteId()) != null) {
                throw new IllegalStateException("route id " + route.getRouteId() + " is taken by another file");
            }
            ((ModelCamelContext) context).addRouteDefinition(route);
        } catch (Exception e) {
            removeQuietly(route);
            if (previous != null) {
                serveAgain(previous.route());
            }
            markBroken(file, digest, e);
            return;
        }
        if (context.getRoute(route.getRouteId()).getConsumer() instanceof MessageTypeConsumer consumer) {
            consumer.fieldStepsOnly(onlyFieldSteps(route));
        }
        serving(file, new Loaded(digest, route, messageType, revision), previous);
    }

    /** The file's route, parsed and checked as SPEC §5 says (field names, steps, a type no other file serves). */
    private RouteDefinition checked(Path file) throws Exception {
        duplicates.remove(file);
        RouteDefinition route = parse(file);
        List<String> fieldProblems = FieldNameCheck.problems(route,
                FieldNameCheck.defaultConnectorOf(route).orElse(null), fieldsByConnector);
        if (!fieldProblems.isEmpty()) {
            throw RouteFileException.lines(String.join("; ", fieldProblems));
        }
        new RouteFileCheck(context).check(route);
        String messageType = messageTypeOf(route);
        Path other = servedByAnotherFile(file, messageType);
        if (other != null) {
            duplicates.put(file, messageType);
            throw new IllegalArgumentException("message_type '" + messageType + "' is already served by "
                    + other.getFileName() + ": give the copy a message_type of its own");
        }
        return route;
    }

    /** The new version serves: the old one, if any, stops once its messages in flight are done. */
    private void serving(Path file, Loaded now, Loaded previous) {
        String name = file.getFileName().toString();
        loaded.put(file, now);
        registry().fileId(fileId(file), now.messageType());
        brokenDigests.remove(file);
        broken.remove(name);
        if (previous != null) {
            removeQuietly(previous.route());
        }
        LOG.info("Message type file {} {} as route {}", name, previous == null ? "loaded" : "reloaded",
                now.route().getRouteId());
    }

    /** The old version takes its type back from a new one that registered and then failed to start. */
    private void serveAgain(RouteDefinition route) {
        org.apache.camel.Route running = context.getRoute(route.getRouteId());
        if (running != null && running.getConsumer() instanceof MessageTypeConsumer consumer) {
            registry().register(consumer);
        }
    }

    private RouteDefinition parse(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        Resource resource = ResourceHelper.fromBytes("file:" + file.toAbsolutePath(), bytes);
        RoutesLoader loader = PluginHelper.getRoutesLoader(context);
        List<RouteDefinition> routes = new ArrayList<>();
        for (RoutesBuilder builder : loader.findRoutesBuilders(List.of(resource))) {
            if (builder instanceof RouteBuilder routeBuilder) {
                routes.addAll(routeBuilder.configureRoutes(context).getRoutes());
            }
        }
        if (routes.size() != 1) {
            throw new IllegalArgumentException("a message type file holds exactly one route, this one holds "
                    + routes.size());
        }
        RouteDefinition route = routes.get(0);
        String from = route.getInput() == null ? null : route.getInput().getEndpointUri();
        if (from == null || !from.startsWith(MessageTypeComponent.SCHEME + ":")) {
            throw new IllegalArgumentException("the route must start from message-type:<message_type>?connector=…,"
                    + " not " + from);
        }
        route.setId(routeId(file));
        if (route.getErrorHandlerRef() == null) {
            // A failure here is the partner's 422 (FieldMapper), not a delivery: Camel's ERROR with the message
            // history for each one would flood the log, and a mapping error quotes the payload's value.
            route.setErrorHandlerFactory(new NoErrorHandlerDefinition());
        }
        return route;
    }

    private static boolean onlyFieldSteps(RouteDefinition route) {
        return route.getOutputs().stream().allMatch(step -> step instanceof org.apache.camel.model.ToDefinition to
                && (to.getUri().startsWith(FieldComponent.SCHEME + ":")
                        || to.getUri().startsWith(ConnectorComponent.SCHEME + ":")));
    }

    private String messageTypeOf(RouteDefinition route) {
        return context.getEndpoint(route.getInput().getEndpointUri(), MessageTypeEndpoint.class).getMessageType();
    }

    private void remove(Path file) {
        Loaded gone = loaded.remove(file);
        registry().fileId(fileId(file), null);
        removeQuietly(gone.route());
        LOG.info("Message type file {} removed: route {} stopped", file.getFileName(), gone.route().getRouteId());
    }

    private void removeRoute(RouteDefinition route) throws Exception {
        context.getRouteController().stopRoute(route.getRouteId());
        context.removeRoute(route.getRouteId());
        ((ModelCamelContext) context).removeRouteDefinition(route);
    }

    private void removeQuietly(RouteDefinition route) {
        try {
            if (context.getRoute(route.getRouteId()) != null) {
                removeRoute(route);
            } else {
                ((ModelCamelContext) context).removeRouteDefinition(route);
            }
        } catch (Exception e) {
            LOG.warn("Could not remove route {}: {}", route.getRouteId(), e.getMessage());
        }
    }

    private void markBroken(Path file, byte[] digest, Exception e) {
        String name = file.getFileName().toString();
        String reason = RouteFileException.reasonOf(e);
        boolean previous = loaded.containsKey(file);
        brokenDigests.put(file, digest);
        broken.put(name, reason + (previous ? " (its previous version keeps serving)" : ""));
        LOG.error("Message type file {} is broken and was not loaded{}: {}: {}", name,
                previous ? " (its previous version keeps serving)" : "", name, reason);
    }

    private static boolean isRouteFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
