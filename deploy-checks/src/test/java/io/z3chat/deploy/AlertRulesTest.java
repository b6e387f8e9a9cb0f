package io.z3chat.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** The alert rules through promtool: they parse, and their unit tests pass. */
class AlertRulesTest {

    private static final String RULES = "k8s/monitoring/prometheus/z3chat-alerts.yml";
    private static final String RULE_TESTS = "k8s/monitoring/prometheus/z3chat-alerts-test.yml";

    @Test
    void promtoolAcceptsTheRules() {
        String output = Repo.run(List.of("/usr/bin/promtool", "check", "rules", Repo.file(RULES).toString()));
        assertTrue(output.contains("SUCCESS"), output);
    }

    @Test
    void theRulesUnitTestsPass() {
        String output = Repo.run(List.of("/usr/bin/promtool", "test", "rules", Repo.file(RULE_TESTS).toString()));
        assertTrue(output.contains("SUCCESS"), output);
    }

    @Test
    void everyAlertTheIssueAsksForExistsAndIsUnitTested() {
        Set<String> alerts = new TreeSet<>();
        @SuppressWarnings("unchecked")
        var groups = (List<Map<String, Object>>) ((Map<String, Object>) new Yaml().load(Repo.read(RULES))).get("groups");
        for (var group : groups) {
            @SuppressWarnings("unchecked")
            var rules = (List<Map<String, Object>>) group.get("rules");
            rules.forEach(rule -> alerts.add((String) rule.get("alert")));
        }
        assertEquals(Set.of("Z3chatServiceDown", "Z3chatServiceAbsent", "Z3chatRepliesDropped",
                "Z3chatFinalOutboxFilling", "Z3chatCallbackRejectionsRising", "Z3chatTokenRejectionsRising",
                "Z3chatSocketsClosedForSlowness"), alerts);
        String tests = Repo.read(RULE_TESTS);
        alerts.forEach(alert -> assertTrue(tests.contains("alertname: " + alert), alert + " has a unit test"));
    }

    /** The compose Prometheus sees the config and the rules side by side, as its volumes mount them. */
    @Test
    void theComposePrometheusConfigurationIsValid(@TempDir Path dir) throws Exception {
        Files.copy(Repo.file("deploy/prometheus/prometheus.yml"), dir.resolve("prometheus.yml"));
        Files.copy(Repo.file(RULES), dir.resolve("z3chat-alerts.yml"));
        String output = Repo.run(List.of("/usr/bin/promtool", "check", "config", dir.resolve("prometheus.yml").toString()));
        assertTrue(output.contains("SUCCESS: 1 rule files found"), output);
    }
}
