package io.z3chat.local.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web UI budgets of SPEC 9, measured in Chromium against the local stack: skipped unless
 * {@code -Dz3chat.bench=ui}. It prints each figure beside its budget; it asserts nothing about
 * speed (a benchmark, not a test), only that the benchmark itself ran to its end.
 */
@EnabledIfSystemProperty(named = "z3chat.bench", matches = "ui")
class UiBenchmarkIT extends ScriptedStack {

    @Test
    void measureTheWebUiBudgets() throws Exception {
        int exit = NodeRun.npmCiThen(List.of("node", "bench/ui-bench.mjs"), browserEnv(screenshots()), 20);
        assertTrue(exit == 0, "the benchmark did not run to its end (exit " + exit + ")");
    }
}
