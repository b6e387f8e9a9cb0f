package io.z3chat.local.e2e;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web UI in Debian's Chromium against the real local stack (the three packaged services, the
 * embedded store, the local identity provider) with a scripted upstream. The browser side is the
 * Node package {@code browser-tests/} (playwright-core, axe-core, node's own test runner): this
 * test starts the stack, runs it with the stack's address in the environment, forwards its output
 * and fails when it does. Screenshots of each state land in {@code target/screenshots/}.
 */
class BrowserIT extends ScriptedStack {

    @Test
    void theWebUiWorksInARealBrowserAgainstTheRealStack() throws Exception {
        Path screenshots = screenshots();
        // -Dz3chat.browser.tests=tests/history.test.mjs runs one file (all of tests/ by default)
        String tests = System.getProperty("z3chat.browser.tests", "tests/");
        int exit = NodeRun.npmCiThen(List.of("node", "--test", "--test-concurrency=1", "--test-reporter=spec", tests),
                browserEnv(screenshots), 15);
        assertTrue(exit == 0, "browser tests failed (exit " + exit + "); output above, screenshots in " + screenshots
                + ", service logs in " + stack.config().workDir());
    }
}
