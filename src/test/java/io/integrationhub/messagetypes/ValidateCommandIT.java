package io.integrationhub.messagetypes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.integrationhub.support.HubProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar's commands: {@code validate [dir]} and {@code --help}. */
class ValidateCommandIT {

    @TempDir
    Path routes;

    private record Run(int status, String output, long tookMs) {
    }

    private Run jar(String... args) throws IOException, InterruptedException {
        return jarIn(null, args);
    }

    /** The jar run in {@code folder} (null: here). */
    private Run jarIn(Path folder, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", HubProcess.jar().toString()));
        command.addAll(List.of(args));
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).directory(folder == null ? null : folder.toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output, (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    void validateChecksTheShippedFilesInAFewSecondsWithoutAStore() throws Exception {
        Run run = jar("validate", Path.of("routes/message-types").toAbsolutePath().toString());

        assertThat(run.status()).as(run.output()).isZero();
        assertThat(run.output().lines()).hasSize(5).allMatch(line -> line.startsWith("OK "));
        assertThat(run.tookMs()).isLessThan(15_000);
    }

    @Test
    void validateNamesABrokenFileWithItsLineAndExitsOne() throws Exception {
        Files.writeString(routes.resolve("typo.yaml"), Files.readString(Path.of(
                "routes/message-types/ticket-message.yaml")).replace("field:IsPrivate", "field:IsPrivat"));

        Run run = jar("validate", routes.toString());

        assertThat(run.status()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).containsPattern("(?m)^typo\\.yaml:\\d+: IsPrivat is not a field of ticketing; "
                + "did you mean IsPrivate\\?$");
    }

    @Test
    void aMistypedCommandIsRefusedWithTheCommandsAndStatusTwo() throws Exception {
        Run run = jar("validat", "routes");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.output()).startsWith("Unknown command: validat routes").contains("validate [dir]");
    }

    @Test
    void aHubThatCannotStartSaysWhyInOneLineAndExitsOne() throws Exception {
        // A folder without application.properties: the ticketing target's URL is not set.
        Run run = jarIn(routes);

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.output()).containsPattern("(?m)^Integration Hub did not start: Setting "
                + "hub.target.ticketing.url is missing").doesNotContain("Exception in thread");
    }

    @Test
    void helpListsTheCommands() throws Exception {
        Run run = jar("--help");

        assertThat(run.status()).isZero();
        assertThat(run.output()).contains("validate [dir]").contains("--help").doesNotContain("Unknown option");
    }
}
