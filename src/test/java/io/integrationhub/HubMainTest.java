package io.integrationhub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubMainTest {

    @TempDir
    Path folder;

    @Test
    void theEnvironmentSetsTheCamelServerKeysOfTheSettingsFile() throws Exception {
        Path settings = Files.writeString(folder.resolve("application.properties"),
                "camel.server.port = 8080\ncamel.management.port = 9876\ncamel.server.max-body-size = 10\n"
                        + "hub.db.url = jdbc:h2:mem:x\n");

        Map<String, String> overrides = HubMain.environmentOverrides(settings, Map.of("CAMEL_SERVER_PORT", "8181",
                "CAMEL_SERVER_MAX_BODY_SIZE", "20", "HUB_DB_URL", "ignored: the properties component reads it"));

        assertThat(overrides).containsExactlyInAnyOrderEntriesOf(Map.of("camel.server.port", "8181",
                "camel.server.max-body-size", "20"));
    }

    @Test
    void aFailedStartIsToldInTheHubsWordsOrTheInnermostCauses() {
        assertThat(HubMain.startFailure(new RuntimeException("Failed to start", new IllegalStateException(
                "The hub could not be configured: Setting hub.retry.max-attempts must be a number, got 'abc'"))))
                .isEqualTo("Setting hub.retry.max-attempts must be a number, got 'abc'");
        assertThat(HubMain.startFailure(new RuntimeException("wrapped", new java.net.BindException(
                "Address already in use")))).isEqualTo("BindException: Address already in use");
    }
}
