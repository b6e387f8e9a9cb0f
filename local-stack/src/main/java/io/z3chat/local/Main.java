package io.z3chat.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar local-stack/target/local-stack.jar}: starts the whole app locally, prints the
 * URL, and stops everything on Ctrl-C. The repository's {@code ./run.sh} builds what is missing first.
 *
 * <p>Environment: {@code OPENROUTER_API_KEY} and {@code OPENROUTER_BASE_URL} are passed to
 * llm-proxy (no key: the offline model); {@code Z3CHAT_DATA_DIR} moves the data and logs
 * (default {@code .z3chat/} in the checkout); {@code Z3CHAT_PORT}, {@code Z3CHAT_PERSISTENCE_PORT},
 * {@code Z3CHAT_LLM_PROXY_PORT}, {@code Z3CHAT_STORE_PORT} and {@code Z3CHAT_OIDC_PORT} move the
 * processes (see {@link StackConfig.Port}).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Path stackJar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path repoRoot = stackJar.getParent().getParent().getParent();
        StackConfig config;
        try {
            config = StackConfig.fromEnvironment(System.getenv(), repoRoot, stackJar);
        } catch (IllegalArgumentException e) {
            System.err.println("z3chat could not start: " + e.getMessage());
            System.exit(2);
            return;
        }

        LocalStack stack = new LocalStack(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping z3chat...");
            stack.close();
            System.out.println("Stopped. Data is kept in " + config.workDir().resolve("data"));
            stopped.countDown();
        }, "z3chat-stop"));

        System.out.println("Starting z3chat (logs in " + config.workDir().resolve("logs") + ") ...");
        long started = System.nanoTime();
        try {
            stack.start(Duration.ofMinutes(3));
        } catch (IllegalStateException e) {
            System.err.println("z3chat could not start: " + e.getMessage());
            System.exit(1);
        }
        System.out.printf("%nz3chat is ready after %.1f s: open %s%n", (System.nanoTime() - started) / 1e9, config.gatewayUrl());
        System.out.println("Sign in with any email address at the local identity provider.");
        System.out.println(config.openRouterApiKey() == null
                ? "No OPENROUTER_API_KEY set: the built-in offline model answers."
                : "Models come from " + (config.openRouterBaseUrl() == null ? "OpenRouter" : config.openRouterBaseUrl()) + ".");
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
    }

}
