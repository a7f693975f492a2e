package bench;

import java.util.concurrent.atomic.AtomicLong;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;

/**
 * The delivery benchmarks' target: a plain Vert.x server that answers every request at once with seed 003's
 * success, {"TicketMessageId": 1}, after reading its body. Plain Vert.x rather than a Camel route, so that the stub
 * is never what limits a drain (a platform-http route answering the same served about 3,000 requests/s here).
 * GET /bench/received answers how many requests it took so far: the delivery benches wait on it, as asking the hubs
 * (their metrics) made them count their queues in the store at every look.
 * Run: java -cp bench/bare/target/bare-platform-http.jar -Dport=18090 bench.StubTarget
 */
public final class StubTarget {

    private StubTarget() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(System.getProperty("port", "18090"));
        Vertx vertx = Vertx.vertx();
        int loops = Runtime.getRuntime().availableProcessors();
        AtomicLong received = new AtomicLong();
        for (int i = 0; i < loops; i++) {
            vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true))
                    .requestHandler(request -> {
                        if ("/bench/received".equals(request.path())) {
                            request.response().end(Long.toString(received.get()));
                            return;
                        }
                        request.body().onComplete(body -> {
                            received.incrementAndGet();
                            request.response().putHeader("Content-Type", "application/json")
                                    .end("{\"TicketMessageId\":1}");
                        });
                    })
                    .listen(port);
        }
    }
}
