package io.integrationhub.support;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Partners posting CreateMessage requests to a hub process from several threads, message 0, 1, 2… until stopped,
 * while the test kills or stops the hub under them: the numbers of the messages that got a 202.
 */
public final class PartnerLoad implements AutoCloseable {

    private final Set<Integer> receipted = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean sending = new AtomicBoolean(true);
    private final ExecutorService senders;

    /** Starts {@code threads} senders against the hub on {@code port}; {@code body} makes message n's body. */
    public PartnerLoad(int port, int threads, IntFunction<String> body) {
        senders = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        for (int t = 0; t < threads; t++) {
            senders.execute(() -> {
                while (sending.get()) {
                    int n = next.getAndIncrement();
                    if (HubProcess.postAsPartner(http, port, body.apply(n)) == 202) {
                        receipted.add(n);
                    }
                }
            });
        }
    }

    /** The messages answered 202 so far. */
    public Set<Integer> receipted() {
        return receipted;
    }

    /** Stops posting and waits for the requests under way to be answered (or to fail). */
    public void stop() throws InterruptedException {
        sending.set(false);
        senders.shutdown();
        if (!senders.awaitTermination(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("requests still under way 30 s after the load stopped");
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
