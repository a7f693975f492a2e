package io.integrationhub.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;

/** The packaged jar run as a child process, as an operator runs it, so that it can be killed with SIGKILL. */
public final class HubProcess implements AutoCloseable {

    private final Map<String, String> settings;
    private final Path log;
    private Process process;

    public HubProcess(Map<String, String> settings, Path log) {
        this.settings = settings;
        this.log = log;
    }

    /**
     * {@link RunningHub#settings} for the packaged jar, which runs in its own working directory: the shipped message
     * type files by their absolute path.
     */
    public static Map<String, String> settings(Path dataDir, String targetUrl) {
        Map<String, String> settings = new java.util.HashMap<>(RunningHub.settings(dataDir, targetUrl));
        settings.put("hub.routes.directory", Path.of("routes/message-types").toAbsolutePath().toString());
        return settings;
    }

    /** An empty log file under target/ for a hub process, kept after the test to read when it fails. */
    public static Path freshLog(String name) throws IOException {
        Path log = java.nio.file.Files.createDirectories(Path.of("target")).resolve(name + ".log");
        java.nio.file.Files.deleteIfExists(log);
        return log;
    }

    public static Path jar() {
        String jar = System.getProperty("hub.jar", "target/integration-hub.jar");
        return Path.of(jar).toAbsolutePath();
    }

    public HubProcess start() throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx384m");
        settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(jar().toString());
        process = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI health = URI.create("http://localhost:" + settings.get("camel.management.port") + "/observe/health");
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("The hub exited: see " + log);
                    }
                    return http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString())
                            .statusCode() == 200;
                });
        return this;
    }

    /**
     * Posts a CreateMessage as the shipped partner to a hub on {@code port}; the status, or -1 when the hub did not
     * answer (it was killed): a request without an answer promises nothing.
     */
    public static int postAsPartner(HttpClient http, int port, String body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + RunningHub.CREATE_MESSAGE))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .header("Authorization", RunningHub.basic(RunningHub.PARTNER, RunningHub.SECRET))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** SIGTERM, as a container runtime stops a process; the exit status once the hub has stopped. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            throw new IllegalStateException("The hub did not stop within 30 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
