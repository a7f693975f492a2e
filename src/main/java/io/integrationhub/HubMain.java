package io.integrationhub;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;

/** Starts the hub: Camel Main with ./application.properties; every key can be overridden by -D or the environment. */
public final class HubMain {

    private HubMain() {
    }

    static final String USAGE = """
            Integration Hub

              java -jar integration-hub.jar                  start the hub (settings: ./application.properties,
                                                             environment variables, -Dkey=value before -jar)
              java -jar integration-hub.jar validate [dir]   check the message type files as the hub would, without a
                                                             store or a network (dir: hub.routes.directory,
                                                             routes/message-types); prints OK file or
                                                             file:line: reason, exits 0 only when all are valid
              java -jar integration-hub.jar --help           this text
            """;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help"))) {
            System.out.print(USAGE);
            return;
        }
        if (args.length > 0 && args[0].equals("validate")) {
            System.exit(validate(args));
        }
        if (args.length > 0) {
            System.err.print("Unknown command: " + String.join(" ", args) + "\n\n" + USAGE);
            System.exit(2);
        }
        warmUpTls();
        try {
            newMain(environmentOverrides(Path.of("application.properties"), System.getenv())).run(args);
        } catch (Exception e) {
            // The reason in one sentence a user can act on; the log above has the details.
            System.err.println("Integration Hub did not start: " + startFailure(e));
            System.exit(1);
        }
    }

    /** The hub's own explanation when there is one (a setting, the store), else the innermost cause's. */
    static String startFailure(Throwable e) {
        Throwable innermost = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalStateException || t instanceof IllegalArgumentException) {
                String message = String.valueOf(t.getMessage());
                return message.replaceFirst("^The hub could not be configured: ", "");
            }
            innermost = t;
        }
        return innermost.getClass().getSimpleName() + ": " + innermost.getMessage();
    }

    /**
     * camel-http builds a TLS context for the targets' connection pool while the routes are built, and reading the
     * JVM's trusted certificates for it was a fifth of the start's main thread; read here on the other core instead
     * (the JDK keeps the default context, and with it the certificates, for the later builds).
     */
    static void warmUpTls() {
        Thread warmUp = new Thread(() -> {
            try {
                javax.net.ssl.SSLContext.getDefault();
            } catch (java.security.NoSuchAlgorithmException e) {
                // camel-http builds it itself and says what is wrong
            }
        }, "tls-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /** {@code validate [dir]}: the exit status of checking the message type files. */
    static int validate(String[] args) throws Exception {
        // Only the files' verdicts on the console: Camel's start lines and the loader's own error lines repeat them.
        Configurator.setAllLevels(LogManager.ROOT_LOGGER_NAME, Level.OFF);
        String directory = args.length > 1 ? args[1] : setting("hub.routes.directory", "routes/message-types");
        return io.integrationhub.messagetypes.RouteFilesValidation.run(Path.of(directory),
                HubSettings.zone("hub.time-zone", setting("hub.time-zone", "UTC")),
                io.integrationhub.connectors.ConnectorFields.all(), System.out);
    }

    /** A setting as the hub reads it: -D, then the environment, then ./application.properties, then the default. */
    private static String setting(String key, String fallback) {
        String value = System.getProperty(key);
        if (value == null) {
            value = System.getenv(environmentName(key));
        }
        if (value == null) {
            value = settingsFile(Path.of("application.properties")).getProperty(key);
        }
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static Properties settingsFile(Path path) {
        Properties file = new Properties();
        if (Files.isReadable(path)) {
            try (Reader reader = Files.newBufferedReader(path)) {
                file.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + path, e);
            }
        }
        return file;
    }

    /**
     * The {@code camel.*} keys of the settings file that the environment sets (CAMEL_SERVER_PORT for
     * camel.server.port): Camel Main reads hub.* keys from the environment through the properties component, but
     * configures its HTTP and management servers from the file alone. A -D system property still wins.
     */
    static Map<String, String> environmentOverrides(Path settingsFile, Map<String, String> environment) {
        Properties file = settingsFile(settingsFile);
        Map<String, String> overrides = new TreeMap<>();
        for (String key : file.stringPropertyNames()) {
            String variable = environmentName(key);
            if (key.startsWith("camel.") && environment.containsKey(variable) && System.getProperty(key) == null) {
                overrides.put(key, environment.get(variable));
            }
        }
        return overrides;
    }

    /** A Camel Main running the hub; {@code overrides} win over the file (tests use them for ports and paths). */
    public static Main newMain(Map<String, String> overrides) {
        Main main = new Main();
        main.setPropertyPlaceholderLocations("file:application.properties;optional=true");
        overrides.forEach(main::addOverrideProperty);
        // The route metrics come from the hub's own route policy (RouteMetrics); Camel's would count every exchange
        // a second time on the same series.
        main.addOverrideProperty("camel.metrics.enableRoutePolicy", "false");
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport m) {
                Hub hub = new Hub(m.getCamelContext());
                try {
                    hub.configure();
                    m.getCamelContext().addStartupListener(new StartupListener() {
                        @Override
                        public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                            // nothing before every route has started
                        }

                        @Override
                        public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted)
                                throws Exception {
                            hub.start();
                        }
                    });
                } catch (Exception e) {
                    throw new IllegalStateException("The hub could not be configured: " + e.getMessage(), e);
                }
                m.getCamelContext().getRegistry().bind("hub", hub);
            }
        });
        return main;
    }
}
