package io.z3chat.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The whole app on one machine without containers: the embedded store, a local OIDC provider
 * and the three services, each in its own process, wired with freshly generated internal keys.
 */
public final class LocalStack implements AutoCloseable {

    private static final String[] MODULES = {"persistence-service", "llm-proxy-service", "chat-gateway"};

    private final StackConfig config;
    private final List<ChildProcess> processes = new ArrayList<>();
    private final Map<ChildProcess, BooleanSupplier> readiness = new HashMap<>();
    /** Each service's management interface (health, metrics), by process name: a free loopback port. */
    private final Map<String, Integer> managementPorts = new HashMap<>();
    private final InternalKeys keys = InternalKeys.generate();
    // 48 characters: long enough that quarkus-oidc derives its state and session keys from it,
    // and shared by every gateway replica so a sign-in started on one completes on another
    private final String oidcClientSecret = randomSecret(36);

    public LocalStack(StackConfig config) {
        this.config = config;
    }

    public StackConfig config() {
        return config;
    }

    /** Starts every process and returns once all of them are ready; stops them all if one fails. */
    public void start(Duration timeout) throws IOException, InterruptedException {
        for (String module : MODULES) {
            if (!Files.isRegularFile(config.serviceJar(module))) {
                throw new IllegalStateException(config.serviceJar(module) + " is missing: build with `mvn -DskipTests package`");
            }
        }
        try {
            startStore();
            startOidcProvider();
            startService("persistence-service", "persistence-service", config.persistencePort(), persistenceEnv());
            startService("llm-proxy-service", "llm-proxy-service", config.llmProxyPort(), llmProxyEnv());
            startService("chat-gateway", "chat-gateway", config.gatewayPort(), gatewayEnv(config.gatewayPort()));
            awaitReady(timeout);
        } catch (IOException | InterruptedException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Starts one more gateway replica on its own port, sharing keys and secrets with the first,
     * as several replicas behind one public URL are in production.
     */
    public void startGatewayReplica(int port, Duration timeout) throws IOException, InterruptedException {
        startService("chat-gateway-" + port, "chat-gateway", port, gatewayEnv(port));
        awaitReady(timeout);
    }

    /**
     * Stops the first gateway and starts it again on the same port with the same keys and secrets,
     * as a deployment or a crash does; sessions, sockets to resume and replies in flight live
     * elsewhere, so nothing of the user's is lost with it.
     */
    public void restartGateway(Duration timeout) throws IOException, InterruptedException {
        ChildProcess gateway = processes.stream().filter(p -> p.name().equals("chat-gateway")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the gateway is not running"));
        gateway.stop(Duration.ofSeconds(15));
        processes.remove(gateway);
        readiness.remove(gateway);
        startService("chat-gateway", "chat-gateway", config.gatewayPort(), gatewayEnv(config.gatewayPort()));
        awaitReady(timeout);
    }

    /** The management interface (health at /q/health, Prometheus metrics at /q/metrics) of a running service. */
    public String managementUrl(String processName) {
        Integer port = managementPorts.get(processName);
        if (port == null) {
            throw new IllegalArgumentException("no service named " + processName);
        }
        return "http://127.0.0.1:" + port;
    }

    private Path logs() {
        return config.workDir().resolve("logs");
    }

    private void startStore() throws IOException {
        Path dataFile = config.workDir().resolve("data").resolve("z3chat-store.mv.db");
        ChildProcess store = ChildProcess.start("store",
                ChildProcess.java("256m", "-cp", config.stackJar().toString(), EmbeddedStore.class.getName(),
                        Integer.toString(config.storePort()), dataFile.toString()),
                Map.of(), logs());
        track(store, () -> ChildProcess.tcpReady(config.storePort()));
    }

    private void startOidcProvider() throws IOException {
        Map<String, String> env = Map.of(
                "SERVER_HOSTNAME", "127.0.0.1",
                "SERVER_PORT", Integer.toString(config.oidcPort()),
                "JSON_CONFIG", LocalOidcProvider.jsonConfig());
        ChildProcess oidc = ChildProcess.start("oidc",
                ChildProcess.java("192m", "-cp", config.stackJar().toString(), LocalOidcProvider.MAIN_CLASS),
                env, logs());
        track(oidc, () -> oidc.httpReady(config.oidcIssuerUrl() + "/.well-known/openid-configuration"));
    }

    private void startService(String name, String module, int port, Map<String, String> env) throws IOException {
        Map<String, String> all = new HashMap<>(env);
        all.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        all.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        int management = managementPorts.computeIfAbsent(name, n -> freePort());
        all.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        all.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(management));
        all.putAll(config.serviceEnv());
        ChildProcess service = ChildProcess.start(name,
                ChildProcess.java("320m", "-jar", config.serviceJar(module).toString()), all, logs());
        track(service, () -> service.httpReady("http://127.0.0.1:" + management + "/q/health/ready"));
    }

    private Map<String, String> persistenceEnv() {
        return Map.of(
                "MONGODB_URI", "mongodb://127.0.0.1:" + config.storePort(),
                "INTERNAL_JWT_PUBLIC_KEY", keys.publicKeyPem());
    }

    private Map<String, String> llmProxyEnv() {
        Map<String, String> env = new HashMap<>(Map.of(
                "PERSISTENCE_URL", config.persistenceUrl(),
                "LLM_PROXY_SELF_URL", config.llmProxyUrl(),
                "PUBLIC_URL", config.gatewayUrl(),
                "INTERNAL_JWT_PRIVATE_KEY", keys.privateKeyPem(),
                "INTERNAL_JWT_PUBLIC_KEY", keys.publicKeyPem()));
        if (config.openRouterApiKey() != null) {
            env.put("OPENROUTER_API_KEY", config.openRouterApiKey());
        }
        if (config.openRouterBaseUrl() != null) {
            env.put("OPENROUTER_BASE_URL", config.openRouterBaseUrl());
        }
        return env;
    }

    private Map<String, String> gatewayEnv(int port) {
        Map<String, String> env = new HashMap<>(Map.of(
                "PERSISTENCE_MANAGEMENT_URL", managementUrl("persistence-service"),
                "LLM_PROXY_MANAGEMENT_URL", managementUrl("llm-proxy-service")));
        env.putAll(Map.of(
                "PERSISTENCE_URL", config.persistenceUrl(),
                "LLM_PROXY_URL", config.llmProxyUrl(),
                "PUBLIC_URL", config.gatewayUrl(),
                "GATEWAY_SELF_URL", "http://127.0.0.1:" + port,
                "OIDC_AUTH_SERVER_URL", config.oidcIssuerUrl(),
                "OIDC_CLIENT_ID", StackConfig.OIDC_CLIENT_ID,
                "OIDC_CLIENT_SECRET", oidcClientSecret,
                "INTERNAL_JWT_PRIVATE_KEY", keys.privateKeyPem(),
                "INTERNAL_JWT_PUBLIC_KEY", keys.publicKeyPem()));
        return env;
    }

    private void track(ChildProcess process, BooleanSupplier ready) {
        processes.add(process);
        readiness.put(process, ready);
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ChildProcess> waiting = new ArrayList<>(processes);
        while (!waiting.isEmpty()) {
            for (ChildProcess process : List.copyOf(waiting)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(process.name() + " exited during start-up; see " + process.logFile());
                }
                if (readiness.get(process).getAsBoolean()) {
                    waiting.remove(process);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not ready after " + timeout.toSeconds() + " s: "
                        + waiting.stream().map(p -> p.name() + " (" + p.logFile() + ")").toList());
            }
            if (!waiting.isEmpty()) {
                Thread.sleep(250);
            }
        }
    }

    /** Stops everything, services first and the store last, so the services shut down cleanly. */
    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).stop(Duration.ofSeconds(15));
        }
        processes.clear();
        readiness.clear();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for a management interface", e);
        }
    }

    private static String randomSecret(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
