package io.z3chat.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.z3chat.local.JvmSettings;
import io.z3chat.local.LocalStack;
import io.z3chat.local.StackConfig;
import io.z3chat.local.e2e.BrowserSession;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The packaged services, the embedded store and the identity provider, started as {@link LocalStack} does but with
 * production JVM settings, on free ports and a fresh data directory; plus what a benchmark needs to look at them.
 */
final class BenchStack implements AutoCloseable {

    private final LocalStack stack;
    private final MongoClient store;

    private BenchStack(LocalStack stack) {
        this.stack = stack;
        this.store = MongoClients.create(stack.config().storeUri());
    }

    /**
     * @param openRouterBaseUrl the fake upstream, or null for the offline model
     * @param serviceEnv        extra environment of the three services (what the benchmark must lift, such as rate limits)
     */
    static BenchStack start(String name, String openRouterBaseUrl, Map<String, String> serviceEnv)
            throws IOException, InterruptedException {
        Path root = repoRoot();
        Path workDir = Files.createTempDirectory("z3chat-bench-" + name);
        StackConfig config = new StackConfig(root, root.resolve("local-stack/target/local-stack.jar"), workDir,
                freePort(), freePort(), freePort(), freePort(), freePort(),
                openRouterBaseUrl == null ? null : "bench-key", openRouterBaseUrl, serviceEnv);
        LocalStack stack = new LocalStack(config, JvmSettings.PRODUCTION);
        System.out.println("starting the stack with production JVM settings (logs in " + workDir.resolve("logs") + ") ...");
        long started = System.nanoTime();
        stack.start(Duration.ofMinutes(4));
        System.out.printf("ready after %.1f s%n", (System.nanoTime() - started) / 1e9);
        return new BenchStack(stack);
    }

    StackConfig config() {
        return stack.config();
    }

    String gatewayUrl() {
        return stack.config().gatewayUrl();
    }

    MongoDatabase database() {
        return store.getDatabase("z3chat");
    }

    /** A browser session signed in as {@code email} through the real authorization-code flow. */
    BrowserSession signIn(String email) throws IOException, InterruptedException {
        BrowserSession session = new BrowserSession(gatewayUrl());
        session.signIn(email);
        return session;
    }

    /**
     * A Prometheus counter of a service ({@link LocalStack#LLM_PROXY}, ...) summed per label set, e.g.
     * {@code z3chat_checkpoint_writes_total}, read from the service's management interface.
     */
    Map<String, Double> counter(String service, String name) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(stack.managementUrl(service) + "/q/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, Double> values = new LinkedHashMap<>();
        for (String line : response.body().split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                int space = line.lastIndexOf(' ');
                String labels = line.contains("{") ? line.substring(line.indexOf('{'), line.indexOf('}') + 1) : "";
                values.merge(labels, Double.parseDouble(line.substring(space + 1)), Double::sum);
            }
        }
        return values;
    }

    @Override
    public void close() {
        store.close();
        stack.close();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** benchmarks/target/benchmarks.jar → the checkout. */
    private static Path repoRoot() {
        try {
            Path jar = Path.of(BenchStack.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent().getParent().getParent().toAbsolutePath().normalize();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
