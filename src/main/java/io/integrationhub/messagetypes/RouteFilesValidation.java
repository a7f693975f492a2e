package io.integrationhub.messagetypes;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.impl.DefaultCamelContext;

/**
 * {@code validate [dir]} (SPEC §5): checks every message type file as the running hub would — the same loader, step
 * checks and build — in a Camel context of its own, without a store or a network. One line per file, {@code OK file}
 * or {@code file:line: reason} (a file's further problems follow on its line: {@code ; line M: reason}); 0 only
 * when every file is valid.
 */
public final class RouteFilesValidation {

    private static final Pattern FIRST_LINE = Pattern.compile("^line (\\d+): (.*)$", Pattern.DOTALL);

    private RouteFilesValidation() {
    }

    /** Returns the exit status: 0 all valid, 1 a file is broken, 2 no such folder. */
    public static int run(Path directory, ZoneId zone, Map<String, Set<String>> fieldsByConnector, PrintStream out)
            throws Exception {
        if (!Files.isDirectory(directory)) {
            out.println(directory + ": no such folder");
            return 2;
        }
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.addComponent(MessageTypeComponent.SCHEME,
                    new MessageTypeComponent(new MessageTypeRegistry(), fieldsByConnector.keySet()));
            context.addComponent(FieldComponent.SCHEME, new FieldComponent(zone));
            context.addComponent(ConnectorComponent.SCHEME, new ConnectorComponent(fieldsByConnector.keySet()));
            context.start();
            MessageTypeFiles files = new MessageTypeFiles(context, directory, fieldsByConnector);
            files.scan();
            Map<String, String> results = new TreeMap<>();
            files.loadedFiles().forEach(name -> results.put(name, null));
            results.putAll(files.broken());
            results.forEach((name, reason) -> print(out, name, reason));
            if (results.isEmpty()) {
                out.println(directory + ": no message type files (*.yaml)");
            }
            return files.broken().isEmpty() ? 0 : 1;
        }
    }

    private static void print(PrintStream out, String name, String reason) {
        if (reason == null) {
            out.println("OK " + name);
            return;
        }
        Matcher first = FIRST_LINE.matcher(reason);
        out.println(first.find() ? name + ":" + first.group(1) + ": " + first.group(2) : name + ":1: " + reason);
    }
}
