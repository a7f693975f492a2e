package io.integrationhub;

import java.util.Map;

import io.vertx.core.VertxOptions;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/** Starts the hub: Camel Main with ./application.properties; every key can be overridden by -D or the environment. */
public final class HubMain {

    private HubMain() {
    }

    public static void main(String[] args) throws Exception {
        newMain(Map.of()).run(args);
    }

    /** A Camel Main running the hub; {@code overrides} win over the file (tests use them for ports and paths). */
    public static Main newMain(Map<String, String> overrides) {
        Main main = new Main();
        main.setPropertyPlaceholderLocations("file:application.properties;optional=true");
        overrides.forEach(main::addOverrideProperty);
        // Each request waits on a Vert.x worker thread for the group commit that holds its row; the default pool of
        // 20 would cap a commit at 20 rows. Sized so that every open connection can share one commit.
        int workers = Integer.parseInt(System.getProperty("hub.http.worker-threads",
                overrides.getOrDefault("hub.http.worker-threads", "128")));
        main.bind("vertxOptions", new VertxOptions().setWorkerPoolSize(workers));
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
