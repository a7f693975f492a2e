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

    private record Loaded(byte[] digest, RouteDefinition route, String messageType) {
    }

    private final CamelContext context;
    private final Path directory;
    private final Map<Path, Loaded> loaded = new HashMap<>();
    private final Map<Path, byte[]> brokenDigests = new HashMap<>();
    private final Map<String, String> broken = new ConcurrentHashMap<>();

    public MessageTypeFiles(CamelContext context, Path directory) {
        this.context = context;
        this.directory = directory;
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
    }

    /** Files that did not load, with the reason: named in health details. */
    public Map<String, String> broken() {
        return Map.copyOf(broken);
    }

    private void load(Path file, byte[] digest) {
        String name = file.getFileName().toString();
        Loaded previous = loaded.get(file);
        RouteDefinition route;
        String messageType;
        try {
            route = parse(file);
            messageType = messageTypeOf(route);
            for (Map.Entry<Path, Loaded> other : loaded.entrySet()) {
                if (!other.getKey().equals(file) && other.getValue().messageType().equals(messageType)) {
                    throw new IllegalArgumentException("message_type '" + messageType + "' is already served by "
                            + other.getKey().getFileName() + ": give the copy a message_type of its own");
                }
            }
        } catch (Exception e) {
            markBroken(file, digest, e);
            return;
        }
        ModelCamelContext model = (ModelCamelContext) context;
        try {
            if (previous != null) {
                removeRoute(previous.route());
            }
            model.addRouteDefinition(route);
            loaded.put(file, new Loaded(digest, route, messageType));
            brokenDigests.remove(file);
            broken.remove(name);
            LOG.info("Message type file {} {} as route {}", name, previous == null ? "loaded" : "reloaded",
                    route.getRouteId());
        } catch (Exception e) {
            removeQuietly(route);
            if (previous != null) {
                try {
                    model.addRouteDefinition(previous.route());
                } catch (Exception again) {
                    LOG.error("Could not restore the previous version of {}: {}", name, again.getMessage());
                    loaded.remove(file);
                }
            }
            markBroken(file, digest, e);
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
        return route;
    }

    private String messageTypeOf(RouteDefinition route) {
        return context.getEndpoint(route.getInput().getEndpointUri(), MessageTypeEndpoint.class).getMessageType();
    }

    private void remove(Path file) {
        Loaded gone = loaded.remove(file);
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
        String reason = reason(e);
        brokenDigests.put(file, digest);
        broken.put(name, reason);
        LOG.error("Message type file {} is broken and was not loaded{}: {}", name,
                loaded.containsKey(file) ? " (its previous version keeps running)" : "", reason);
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        String top = e.getMessage() == null ? "" : e.getMessage();
        String text = root == e || top.contains(message) ? top : top + ": " + message;
        text = text.replaceAll("\\s+", " ").trim();
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
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
