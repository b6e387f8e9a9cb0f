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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The whole app on one machine without containers: the embedded store, a local OIDC provider
 * and the three services, each in its own process, wired with freshly generated internal keys.
 * A process counts as ready only when it is alive, itself listens on its port and answers there,
 * so another stack on the same ports can never pass for this one.
 */
public final class LocalStack implements AutoCloseable {

    public static final String STORE = "store";
    public static final String OIDC = "oidc";
    public static final String PERSISTENCE = "persistence-service";
    public static final String LLM_PROXY = "llm-proxy-service";
    public static final String GATEWAY = "chat-gateway";

    private static final String[] MODULES = {PERSISTENCE, LLM_PROXY, GATEWAY};
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    /** How to start one process of the stack and tell it is ready. */
    private interface Starter {
        ChildProcess start() throws IOException;
    }

    private record Member(Starter starter, Predicate<ChildProcess> ready) {
    }

    private final StackConfig config;
    private final JvmSettings jvm;
    /** In start order; stopped in reverse. */
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final Map<String, ChildProcess> running = new HashMap<>();
    /** Each service's management interface (health, metrics), by process name: a free loopback port. */
    private final Map<String, Integer> managementPorts = new HashMap<>();
    private final InternalKeys keys = InternalKeys.generate();
    // 48 characters: long enough that quarkus-oidc derives its state and session keys from it,
    // and shared by every gateway replica so a sign-in started on one completes on another
    private final String oidcClientSecret = randomSecret(36);

    public LocalStack(StackConfig config) {
        this(config, JvmSettings.QUICK_START);
    }

    public LocalStack(StackConfig config, JvmSettings jvm) {
        this.config = config;
        this.jvm = jvm;
    }

    public StackConfig config() {
        return config;
    }

    /**
     * Starts every process and returns once all of them are ready; stops them all if one fails.
     *
     * @throws PortTakenException before anything is started, when a port of the stack is taken
     */
    public void start(Duration timeout) throws IOException, InterruptedException {
        for (String module : MODULES) {
            if (!Files.isRegularFile(config.serviceJar(module))) {
                throw new IllegalStateException(config.serviceJar(module) + " is missing: build with `mvn -DskipTests package`");
            }
        }
        PortCheck.requireFree(config.ports());
        try {
            add(STORE, this::startStore, p -> p.tcpReady(config.storePort()));
            add(OIDC, this::startOidcProvider,
                    p -> p.httpReady(config.oidcPort(), config.oidcIssuerUrl() + "/.well-known/openid-configuration"));
            addService(PERSISTENCE, PERSISTENCE, config.persistencePort(), this::persistenceEnv);
            addService(LLM_PROXY, LLM_PROXY, config.llmProxyPort(), this::llmProxyEnv);
            addService(GATEWAY, GATEWAY, config.gatewayPort(), () -> gatewayEnv(config.gatewayPort()));
            for (String name : members.keySet()) {
                launch(name);
            }
            awaitReady(List.copyOf(members.keySet()), timeout);
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
        String name = GATEWAY + "-" + port;
        if (!PortCheck.isFree(port)) {
            throw new PortTakenException("port " + port + " (gateway replica) is taken: " + PortCheck.describeHolder(port));
        }
        addService(name, GATEWAY, port, () -> gatewayEnv(port));
        launch(name);
        awaitReady(List.of(name), timeout);
    }

    /**
     * Stops the first gateway and starts it again on the same port with the same keys and secrets,
     * as a deployment or a crash does; sessions, sockets to resume and replies in flight live
     * elsewhere, so nothing of the user's is lost with it.
     */
    public void restartGateway(Duration timeout) throws IOException, InterruptedException {
        restart(GATEWAY, timeout);
    }

    /** Stops one process ({@link #STORE}, {@link #PERSISTENCE}, ...) cleanly and starts it again on its port. */
    public void restart(String name, Duration timeout) throws IOException, InterruptedException {
        stop(name);
        startAgain(name, timeout);
    }

    /** Stops one process cleanly (SIGTERM, its shutdown hooks run); {@link #startAgain} brings it back. */
    public void stop(String name) {
        ChildProcess process = running.remove(member(name));
        if (process != null) {
            process.stop(STOP_GRACE);
        }
    }

    /** kill -9 of one process: no shutdown hook, no goodbye, as a crash or an OOM kill; {@link #startAgain} brings it back. */
    public void kill(String name) throws InterruptedException {
        ChildProcess process = running.remove(member(name));
        if (process != null) {
            process.kill();
        }
    }

    /** SIGSTOP of one process: it freezes with its connections open until {@link #thaw}. */
    public void freeze(String name) throws IOException, InterruptedException {
        runningProcess(name).signal(true);
    }

    /** SIGCONT of a process {@link #freeze} froze. */
    public void thaw(String name) throws IOException, InterruptedException {
        runningProcess(name).signal(false);
    }

    /** Starts a stopped or killed process again with the same configuration and waits until it is ready. */
    public void startAgain(String name, Duration timeout) throws IOException, InterruptedException {
        if (running.containsKey(member(name))) {
            throw new IllegalStateException(name + " is running");
        }
        launch(name);
        awaitReady(List.of(name), timeout);
    }

    /** The operating system's id of a running process of the stack. */
    public long pid(String name) {
        return runningProcess(name).pid();
    }

    /** Where a process of the stack logs (kept across restarts). */
    public Path logFile(String name) {
        return logs().resolve(member(name) + ".log");
    }

    private String member(String name) {
        if (!members.containsKey(name)) {
            throw new IllegalArgumentException("no process " + name + " in this stack: " + members.keySet());
        }
        return name;
    }

    private ChildProcess runningProcess(String name) {
        ChildProcess process = running.get(member(name));
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException(name + " is not running");
        }
        return process;
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

    private void add(String name, Starter starter, Predicate<ChildProcess> ready) {
        members.put(name, new Member(starter, ready));
    }

    private void launch(String name) throws IOException {
        running.put(name, members.get(name).starter().start());
    }

    private ChildProcess startStore() throws IOException {
        Path dataFile = config.workDir().resolve("data").resolve("z3chat-store.mv.db");
        return ChildProcess.start(STORE,
                ChildProcess.java(jvm, "256m", "-cp", config.stackJar().toString(), EmbeddedStore.class.getName(),
                        Integer.toString(config.storePort()), dataFile.toString()),
                Map.of(), logs());
    }

    private ChildProcess startOidcProvider() throws IOException {
        Map<String, String> env = Map.of(
                "SERVER_HOSTNAME", "127.0.0.1",
                "SERVER_PORT", Integer.toString(config.oidcPort()),
                "JSON_CONFIG", LocalOidcProvider.jsonConfig());
        return ChildProcess.start(OIDC,
                ChildProcess.java(jvm, "192m", "-cp", config.stackJar().toString(), LocalOidcProvider.MAIN_CLASS),
                env, logs());
    }

    private interface EnvSource {
        Map<String, String> env();
    }

    private void addService(String name, String module, int port, EnvSource env) {
        int management = managementPorts.computeIfAbsent(name, n -> freePort());
        add(name, () -> {
            Map<String, String> all = new HashMap<>(env.env());
            all.put("QUARKUS_HTTP_HOST", "127.0.0.1");
            all.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            all.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
            all.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(management));
            all.putAll(config.serviceEnv());
            return ChildProcess.start(name, ChildProcess.java(jvm, "320m", "-jar", config.serviceJar(module).toString()),
                    all, logs());
        }, p -> p.httpReady(management, "http://127.0.0.1:" + management + "/q/health/ready"));
    }

    private Map<String, String> persistenceEnv() {
        return Map.of(
                "MONGODB_URI", config.storeUri(),
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

    private void awaitReady(List<String> names, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> waiting = new ArrayList<>(names);
        while (!waiting.isEmpty()) {
            for (String name : List.copyOf(waiting)) {
                ChildProcess process = running.get(name);
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited during start-up; see " + process.logFile());
                }
                if (members.get(name).ready().test(process)) {
                    waiting.remove(name);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not ready after " + timeout.toSeconds() + " s: "
                        + waiting.stream().map(n -> n + " (" + running.get(n).logFile() + ")").toList());
            }
            if (!waiting.isEmpty()) {
                Thread.sleep(250);
            }
        }
    }

    /** Stops everything, services first and the store last, so the services shut down cleanly. */
    @Override
    public void close() {
        List<String> names = new ArrayList<>(members.keySet());
        for (int i = names.size() - 1; i >= 0; i--) {
            ChildProcess process = running.remove(names.get(i));
            if (process != null) {
                process.stop(STOP_GRACE);
            }
        }
        members.clear();
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
