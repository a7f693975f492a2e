package io.integrationhub.messagetypes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;

import io.integrationhub.connectors.ConnectorFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §5 "Validate": every file checked as the running hub would, without a store or a network. */
class RouteFilesValidationTest {

    private static final Path SHIPPED = Path.of("routes/message-types");

    @TempDir
    Path routes;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int validate(Path directory) throws Exception {
        return RouteFilesValidation.run(directory, ZoneOffset.UTC, ConnectorFields.all(),
                new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theShippedFilesAreValid() throws Exception {
        assertThat(validate(SHIPPED)).as(output()).isZero();
        try (var files = Files.list(SHIPPED)) {
            assertThat(output().lines()).containsExactlyElementsOf(files.map(f -> "OK " + f.getFileName())
                    .sorted().toList());
        }
    }

    @Test
    void brokenFilesAreNamedWithTheirLineAndReasonAndTheStatusIsOne() throws Exception {
        Files.copy(SHIPPED.resolve("inbound-automize-incident.yaml"), routes.resolve("inbound-automize-incident.yaml"));
        Files.writeString(routes.resolve("typo.yaml"), Files.readString(SHIPPED.resolve("ticket-message.yaml"))
                .replace("message-type:Ticket Message", "message-type:Typo")
                .replace("field:IsPrivate", "field:IsPrivat")
                .replace("field:Html", "field:Htm"));
        Files.writeString(routes.resolve("bad.yaml"), "- route:\n    from: [unclosed\n");
        Files.writeString(routes.resolve("bad-jsonpath.yaml"), Files.readString(SHIPPED.resolve(
                "inbound-automize-incident.yaml")).replace("message-type:Inbound Automize Incident",
                "message-type:Bad Path").replace("      steps:\n", "      steps:\n        - filter:\n"
                + "            jsonpath: \"$.payload[?(@.urgency == \"\n"));

        assertThat(validate(routes)).isEqualTo(1);

        assertThat(output().lines()).contains("OK inbound-automize-incident.yaml");
        assertThat(output()).containsPattern("(?m)^bad\\.yaml:\\d+: .*expected ',' or ']'");
        assertThat(output()).as("one line per file").containsPattern("(?m)^typo\\.yaml:\\d+: Htm is not a field of "
                + "ticketing; did you mean Html\\?; line \\d+: IsPrivat is not a field of ticketing; did you mean "
                + "IsPrivate\\?$");
        assertThat(output()).containsPattern("(?m)^bad-jsonpath\\.yaml:\\d+: jsonpath '.*");
        assertThat(output().lines()).hasSize(4);
    }

    @Test
    void aFolderThatIsNotThereIsStatusTwo() throws Exception {
        assertThat(validate(routes.resolve("missing"))).isEqualTo(2);
        assertThat(output()).contains("no such folder");
    }
}
