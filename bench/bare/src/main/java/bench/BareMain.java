package bench;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;

/** The bare platform: a constant 202 on /bare, and a ticketing stand-in that answers at once. Port from -Dport. */
public final class BareMain {

    private BareMain() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        main.addInitialProperty("camel.server.enabled", "true");
        main.addInitialProperty("camel.server.port", System.getProperty("port", "8089"));
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("platform-http:/bare?httpMethodRestrict=POST").routeId("bare")
                        .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(202))
                        .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                        .setBody(constant("{\"status\":\"queued\"}"));
                from("platform-http:/api/Tickets/NewMessage?httpMethodRestrict=POST").routeId("stub-ticketing")
                        .removeHeaders("*")
                        .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                        .setBody(constant("{\"TicketMessageId\":1}"));
            }
        });
        main.run(args);
    }
}
