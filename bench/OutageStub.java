import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * bench/outage.sh's stand-in for the four targets: one plain Vert.x server per target, each on its own port, that
 * answers as its target answers a success (seed 001-004), and can be switched at run time to hang (read the request
 * and never answer), to answer slowly, to answer 503, or to refuse connections (its port closed), through a control
 * port:
 *
 *   POST http://localhost:CONTROL/TARGET/MODE   MODE = answer | hang | refuse | fail | slow:MILLIS
 *   GET  http://localhost:CONTROL/stats         per target: mode, requests received, answered
 *
 * Plain Vert.x as bench/bare's StubTarget, so that the stand-in is never what limits a drain; run from the hub's own
 * jar (which holds Vert.x), so that nothing else needs building:
 *
 *   java -cp target/integration-hub.jar bench/OutageStub.java BASE_PORT CONTROL_PORT
 *
 * The targets listen on BASE_PORT+1 (ticketing), +2 (superoffice), +3 (itx) and +4 (webex).
 */
public final class OutageStub {

    private static final String[] TARGETS = {"ticketing", "superoffice", "itx", "webex"};

    private final Vertx vertx = Vertx.vertx();
    private final Map<String, Target> targets = new LinkedHashMap<>();

    /** One target's stand-in: its port, its mode and its counts. */
    private final class Target {
        final String name;
        final int port;
        volatile String mode = "answer";
        volatile long slowMs;
        final AtomicLong received = new AtomicLong();
        final AtomicLong answered = new AtomicLong();
        final List<HttpServer> servers = new ArrayList<>();

        Target(String name, int port) {
            this.name = name;
            this.port = port;
        }

        synchronized void listen() throws Exception {
            if (!servers.isEmpty()) {
                return;
            }
            int loops = Runtime.getRuntime().availableProcessors();
            for (int i = 0; i < loops; i++) {
                HttpServer server = vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true))
                        .requestHandler(this::handle);
                server.listen(port).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                servers.add(server);
            }
        }

        /** Closes the port: the hub's connections are closed and new ones refused. */
        synchronized void close() throws Exception {
            for (HttpServer server : servers) {
                server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            servers.clear();
        }

        void handle(HttpServerRequest request) {
            received.incrementAndGet();
            String m = mode;
            long delay = slowMs;
            request.body().onComplete(body -> {
                switch (m) {
                    case "hang":
                        // Accepted and read, never answered: the hub's timeout ends it.
                        break;
                    case "fail":
                        request.response().setStatusCode(503).putHeader("Content-Type", "text/plain")
                                .end("Service Unavailable");
                        break;
                    case "slow":
                        vertx.setTimer(delay, t -> succeed(request));
                        break;
                    default:
                        succeed(request);
                }
            });
        }

        /** The target's success as its seed has it. */
        void succeed(HttpServerRequest request) {
            answered.incrementAndGet();
            switch (name) {
                case "superoffice":
                    request.response().setStatusCode(204).end();
                    break;
                case "itx":
                    json(request, "{\"eactId\":1,\"caseEactId\":1}");
                    break;
                case "webex":
                    json(request, "{\"response\":{\"code\":\"1002\",\"description\":\"Queued\",\"transid\":\"t1\"}}");
                    break;
                default:
                    json(request, "{\"TicketMessageId\":1}");
            }
        }
    }

    private static void json(HttpServerRequest request, String body) {
        request.response().putHeader("Content-Type", "application/json").end(body);
    }

    public static void main(String[] args) throws Exception {
        int base = Integer.parseInt(args[0]);
        int control = Integer.parseInt(args[1]);
        new OutageStub().start(base, control);
        new CountDownLatch(1).await();
    }

    private void start(int base, int control) throws Exception {
        for (int i = 0; i < TARGETS.length; i++) {
            Target t = new Target(TARGETS[i], base + 1 + i);
            t.listen();
            targets.put(t.name, t);
        }
        vertx.createHttpServer().requestHandler(this::control).listen(control).toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        System.out.println("stub targets on " + (base + 1) + "-" + (base + TARGETS.length) + ", control on " + control);
    }

    private void control(HttpServerRequest request) {
        String[] parts = request.path().replaceAll("^/+|/+$", "").split("/");
        if (parts.length == 1 && parts[0].equals("stats")) {
            StringBuilder out = new StringBuilder();
            targets.values().forEach(t -> out.append(String.format("%s mode=%s received=%d answered=%d%n", t.name,
                    t.mode.equals("slow") ? "slow:" + t.slowMs : t.mode, t.received.get(), t.answered.get())));
            request.response().putHeader("Content-Type", "text/plain").end(out.toString());
            return;
        }
        Target t = parts.length == 2 ? targets.get(parts[0]) : null;
        String mode = parts.length == 2 ? parts[1] : "";
        if (t == null || !mode.matches("answer|hang|refuse|fail|slow:[0-9]+")) {
            request.response().setStatusCode(404).end("POST /<ticketing|superoffice|itx|webex>/"
                    + "<answer|hang|refuse|fail|slow:MILLIS>, GET /stats\n");
            return;
        }
        // Listening and closing wait for Vert.x, so not on the event loop.
        vertx.executeBlocking(() -> {
            if (mode.equals("refuse")) {
                t.close();
            } else {
                t.listen();
            }
            if (mode.startsWith("slow:")) {
                t.slowMs = Long.parseLong(mode.substring(5));
                t.mode = "slow";
            } else {
                t.mode = mode;
            }
            return null;
        }).onComplete(r -> {
            if (r.succeeded()) {
                request.response().end(t.name + " " + mode + "\n");
            } else {
                request.response().setStatusCode(500).end(String.valueOf(r.cause()) + "\n");
            }
        });
    }
}
