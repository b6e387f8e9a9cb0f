package io.z3chat.local.e2e;

import io.z3chat.local.LocalStack;
import io.z3chat.local.StackConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The stack on free ports with the scripted upstream, for the classes that drive the web UI in
 * Chromium (the browser tests and the UI benchmark), and what their Node side is told about it.
 */
abstract class ScriptedStack {

    static ScriptedOpenRouter upstream;
    static LocalStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        upstream = new ScriptedOpenRouter();
        // a person scrolling a long chat reads many pages quickly: the per-user limits of production would
        // throttle the test's pace, not the feature under test
        Map<String, String> env = Map.of(
                "Z3CHAT_RATE_LIMIT_REQUESTS_PER_SECOND", "200",
                "Z3CHAT_RATE_LIMIT_REQUESTS_BURST", "400",
                "Z3CHAT_RATE_LIMIT_MESSAGES_PER_MINUTE", "120");
        StackConfig config = Exchanges.stackConfig("browser", upstream.baseUrl(), env);
        stack = new LocalStack(config);
        stack.start(Duration.ofMinutes(3));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
            stack = null;
        }
        if (upstream != null) {
            upstream.close();
            upstream = null;
        }
    }

    static Path screenshots() throws IOException {
        return Files.createDirectories(Path.of("target/screenshots").toAbsolutePath());
    }

    static Map<String, String> browserEnv(Path screenshots) {
        return Map.of(
                "Z3CHAT_URL", stack.config().gatewayUrl(),
                "Z3CHAT_MODEL_NAME", ScriptedOpenRouter.MODEL_NAME,
                "Z3CHAT_SECOND_MODEL", ScriptedOpenRouter.SECOND_MODEL,
                "Z3CHAT_SECOND_MODEL_PREFIX", ScriptedOpenRouter.SECOND_MODEL_PREFIX,
                "Z3CHAT_SCREENSHOTS", screenshots.toString(),
                "Z3CHAT_CHROMIUM", System.getProperty("z3chat.chromium", "/usr/bin/chromium"));
    }

}
