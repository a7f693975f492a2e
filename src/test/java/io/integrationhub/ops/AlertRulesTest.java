package io.integrationhub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The Prometheus alerting rules shipped in docker/alerts.yml: valid for promtool and passing their unit tests in
 * docker/alerts.test.yml, each rule tested both firing and not firing. The promtool checks skip themselves, saying
 * so, where promtool is not installed; .ci/run installs it.
 */
class AlertRulesTest {

    static final Path RULES = Path.of("docker/alerts.yml");
    static final Path RULE_TESTS = Path.of("docker/alerts.test.yml");
    static final long TIMEOUT_SECONDS = 60;

    @TempDir
    Path output;

    @Test
    void promtoolFindsTheRulesValid() throws Exception {
        Run run = promtool("check", "rules", RULES.toString());
        assertThat(run.exitCode()).as("promtool check rules %s:%n%s", RULES, run.output()).isZero();
        assertThat(run.output()).contains("SUCCESS");
    }

    @Test
    void theRulesPassTheirUnitTests() throws Exception {
        Run run = promtool("test", "rules", RULE_TESTS.toString());
        assertThat(run.exitCode()).as("promtool test rules %s:%n%s", RULE_TESTS, run.output()).isZero();
        assertThat(run.output()).contains("SUCCESS");
    }

    @Test
    void everyRuleIsTestedFiringAndNotFiring() throws Exception {
        List<Map<String, Object>> groups = list(yaml(RULES).get("groups"));
        assertThat(groups).extracting(g -> g.get("name")).containsExactly("integration-hub");
        List<Map<String, Object>> rules = list(groups.get(0).get("rules"));
        assertThat(rules).isNotEmpty();
        List<String> lines = Files.readAllLines(RULES, StandardCharsets.UTF_8);
        Set<String> names = new LinkedHashSet<>();
        for (Map<String, Object> rule : rules) {
            String name = (String) rule.get("alert");
            assertThat(names.add(name)).as("alert names are unique: %s", name).isTrue();
            assertThat(rule).as(name).containsKeys("expr", "for", "labels", "annotations");
            assertThat(map(rule.get("labels")).get("severity")).as(name + "'s severity").isIn("page", "ticket");
            assertThat(map(rule.get("annotations"))).as(name + "'s annotations").containsKeys("summary",
                    "description");
            assertThat(commentAbove(lines, name)).as("a comment above %s saying why its threshold", name)
                    .isPresent();
        }

        Map<String, Object> tests = yaml(RULE_TESTS);
        assertThat(tests.get("rule_files")).isEqualTo(List.of("alerts.yml"));
        Set<String> firing = new LinkedHashSet<>();
        Set<String> quiet = new LinkedHashSet<>();
        for (Map<String, Object> test : list(tests.get("tests"))) {
            for (Map<String, Object> check : list(test.get("alert_rule_test"))) {
                String name = (String) check.get("alertname");
                // promtool passes a case naming no rule when it expects nothing: a typo would test nothing.
                assertThat(names).as("the rules tested exist").contains(name);
                Object expected = check.get("exp_alerts");
                boolean fires = expected instanceof List<?> alerts && !alerts.isEmpty();
                (fires ? firing : quiet).add(name);
            }
        }
        assertThat(firing).as("rules with a case where they fire").containsAll(names);
        assertThat(quiet).as("rules with a case where they do not fire").containsAll(names);
    }

    private record Run(int exitCode, String output) {
    }

    /** Runs promtool from the project's directory; skips the test where promtool is not installed. */
    private Run promtool(String... arguments) throws IOException, InterruptedException {
        Optional<Path> promtool = onPath("promtool");
        Assumptions.assumeTrue(promtool.isPresent(),
                "promtool is not installed: .ci/run installs Debian's prometheus package");
        List<String> command = new ArrayList<>();
        command.add(promtool.get().toString());
        command.addAll(List.of(arguments));
        Path log = Files.createTempFile(output, "promtool", ".log");
        Process process = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS
                    + " s:\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, program)).filter(Files::isExecutable).findFirst();
    }

    /** The comment line right above the rule's "- alert:" line, blank lines aside. */
    private static Optional<String> commentAbove(List<String> lines, String name) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals("- alert: " + name)) {
                for (int j = i - 1; j >= 0; j--) {
                    String above = lines.get(j).trim();
                    if (!above.isEmpty()) {
                        return above.startsWith("#") && above.length() > 1 ? Optional.of(above) : Optional.empty();
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        return map(new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file,
                StandardCharsets.UTF_8)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertThat(node).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object node) {
        assertThat(node).isInstanceOf(List.class);
        return (List<Map<String, Object>>) node;
    }
}
