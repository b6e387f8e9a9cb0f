package io.z3chat.local.e2e;

import io.z3chat.local.LocalStack;
import io.z3chat.local.StackConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web UI in Debian's Chromium against the real local stack (the three packaged services, the
 * embedded store, the local identity provider) with a scripted upstream. The browser side is the
 * Node package {@code browser-tests/} (playwright-core, axe-core, node's own test runner): this
 * test starts the stack, runs it with the stack's address in the environment, forwards its output
 * and fails when it does. Screenshots of each state land in {@code target/screenshots/}.
 */
class BrowserIT {

    private static ScriptedOpenRouter upstream;
    private static LocalStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        upstream = new ScriptedOpenRouter();
        Path repoRoot = Path.of(System.getProperty("z3chat.repo.root", "..")).toAbsolutePath().normalize();
        Path stackJar = Path.of(System.getProperty("z3chat.stack.jar", "target/local-stack.jar")).toAbsolutePath();
        Path workDir = Files.createTempDirectory("z3chat-browser");
        // a person scrolling a long chat reads many pages quickly: the per-user limits of production would
        // throttle the test's pace, not the feature under test
        Map<String, String> env = Map.of(
                "Z3CHAT_RATE_LIMIT_REQUESTS_PER_SECOND", "200",
                "Z3CHAT_RATE_LIMIT_REQUESTS_BURST", "400",
                "Z3CHAT_RATE_LIMIT_MESSAGES_PER_MINUTE", "120");
        StackConfig config = new StackConfig(repoRoot, stackJar, workDir,
                freePort(), freePort(), freePort(), freePort(), freePort(),
                "browser-test-key", upstream.baseUrl(), env);
        stack = new LocalStack(config);
        stack.start(Duration.ofMinutes(3));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void theWebUiWorksInARealBrowserAgainstTheRealStack() throws Exception {
        Path tests = Path.of(System.getProperty("z3chat.repo.root", "..")).toAbsolutePath().normalize()
                .resolve("local-stack/browser-tests");
        Path screenshots = Path.of("target/screenshots").toAbsolutePath();
        Files.createDirectories(screenshots);
        assertEquals(0, run(tests, List.of("npm", "ci", "--prefer-offline", "--no-audit", "--no-fund"), Map.of(), 5),
                "npm ci in browser-tests failed");
        Map<String, String> env = Map.of(
                "Z3CHAT_URL", stack.config().gatewayUrl(),
                "Z3CHAT_MODEL_NAME", ScriptedOpenRouter.MODEL_NAME,
                "Z3CHAT_SCREENSHOTS", screenshots.toString(),
                "Z3CHAT_CHROMIUM", System.getProperty("z3chat.chromium", "/usr/bin/chromium"));
        int exit = run(tests, List.of("node", "--test", "--test-concurrency=1", "--test-reporter=spec", "tests/"), env, 15);
        assertTrue(exit == 0, "browser tests failed (exit " + exit + "); output above, screenshots in " + screenshots
                + ", service logs in " + stack.config().workDir());
    }

    private static int run(Path dir, List<String> command, Map<String, String> env, int minutes)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        Thread pump = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    System.out.println("[browser] " + line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        pump.start();
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            pump.join(5000);
            return -1;
        }
        pump.join(5000);
        return process.exitValue();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
