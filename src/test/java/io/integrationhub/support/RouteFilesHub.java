package io.integrationhub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A hub that serves the message type files of a folder of its own, against the targets' stand-in: for the tests of
 * route files. Register it with {@code @RegisterExtension}; each test gets a fresh folder, store and stand-in, and
 * the hub and stand-in are stopped after it.
 */
public final class RouteFilesHub implements BeforeEachCallback, AfterEachCallback {

    /** The shipped message type files. */
    public static final Path SHIPPED = Path.of("routes/message-types");

    private Path data;
    private Path routes;
    private TargetStandIn targets;
    private RunningHub hub;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        data = Files.createTempDirectory("hub-data");
        routes = Files.createTempDirectory("hub-routes");
        targets = new TargetStandIn();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (hub != null) {
            hub.close();
            hub = null;
        }
        targets.close();
        TempFolders.delete(data);
        TempFolders.delete(routes);
    }


    public TargetStandIn targets() {
        return targets;
    }

    public Path routes() {
        return routes;
    }

    /** Copies a shipped file into the hub's folder. */
    public RouteFilesHub withShipped(String file) {
        try {
            Files.copy(SHIPPED.resolve(file), routes.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Writes (or rewrites) a file in the hub's folder; the running hub picks it up within seconds. */
    public RouteFilesHub write(String file, String yaml) {
        try {
            Files.writeString(routes.resolve(file), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public RunningHub start() {
        return start(Map.of());
    }

    /** Starts the hub on the folder with the test settings and {@code extra}. */
    public RunningHub start(Map<String, String> extra) {
        Map<String, String> settings = RunningHub.settings(data, targets.baseUrl());
        settings.put("hub.routes.directory", routes.toString());
        settings.put("hub.routes.scan-interval-ms", "200"); // the tests wait for changes to be seen
        settings.putAll(extra);
        hub = RunningHub.start(settings);
        return hub;
    }
}
