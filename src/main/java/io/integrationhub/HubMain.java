package io.integrationhub;

import java.util.Map;

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
        main.addMainListener(new MainListenerSupport() {
            private Hub hub;

            @Override
            public void afterConfigure(BaseMainSupport m) {
                hub = new Hub(m.getCamelContext());
                try {
                    hub.configure();
                } catch (Exception e) {
                    throw new IllegalStateException("The hub could not be configured: " + e.getMessage(), e);
                }
                m.getCamelContext().getRegistry().bind("hub", hub);
            }

            @Override
            public void afterStart(BaseMainSupport m) {
                try {
                    hub.start();
                } catch (Exception e) {
                    throw new IllegalStateException("The hub could not start: " + e.getMessage(), e);
                }
            }
        });
        return main;
    }
}
