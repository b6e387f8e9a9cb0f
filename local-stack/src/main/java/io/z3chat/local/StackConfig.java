package io.z3chat.local;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the local stack finds its artifacts, keeps its data and listens.
 *
 * @param repoRoot          the checkout holding the three service modules
 * @param stackJar          this module's jar; its manifest class path carries the store and OIDC provider
 * @param workDir           data (the store file) and process logs
 * @param openRouterApiKey  null: the services offer only the built-in offline model
 * @param openRouterBaseUrl null: llm-proxy's default (OpenRouter)
 * @param serviceEnv        extra environment for the three services (tests tune timings with it)
 */
public record StackConfig(Path repoRoot, Path stackJar, Path workDir,
                          int gatewayPort, int persistencePort, int llmProxyPort, int storePort, int oidcPort,
                          String openRouterApiKey, String openRouterBaseUrl, Map<String, String> serviceEnv) {

    public static final String OIDC_ISSUER_ID = "z3chat";
    public static final String OIDC_CLIENT_ID = "z3chat";

    /** The environment variable that moves each port of the local run, and its default. */
    public enum Port {
        GATEWAY("chat-gateway", "Z3CHAT_PORT", 8080),
        PERSISTENCE("persistence-service", "Z3CHAT_PERSISTENCE_PORT", 8081),
        LLM_PROXY("llm-proxy-service", "Z3CHAT_LLM_PROXY_PORT", 8082),
        STORE("embedded store", "Z3CHAT_STORE_PORT", 27027),
        OIDC("local identity provider", "Z3CHAT_OIDC_PORT", 8090);

        private final String process;
        private final String variable;
        private final int defaultPort;

        Port(String process, String variable, int defaultPort) {
            this.process = process;
            this.variable = variable;
            this.defaultPort = defaultPort;
        }

        public String process() {
            return process;
        }

        public String variable() {
            return variable;
        }

        public int defaultPort() {
            return defaultPort;
        }
    }

    public StackConfig {
        serviceEnv = Map.copyOf(serviceEnv);
        Map<Integer, Port> seen = new LinkedHashMap<>();
        int[] values = {gatewayPort, persistencePort, llmProxyPort, storePort, oidcPort};
        for (Port port : Port.values()) {
            int value = values[port.ordinal()];
            if (value < 1 || value > 65535) {
                throw new IllegalArgumentException(port.variable + " (" + port.process + ") must be a port from 1 to 65535, not " + value);
            }
            Port other = seen.putIfAbsent(value, port);
            if (other != null) {
                throw new IllegalArgumentException(other.variable + " and " + port.variable + " are both " + value
                        + ": the " + other.process + " and the " + port.process + " need ports of their own");
            }
        }
    }

    /**
     * The local run's configuration from its environment: each port from its variable of {@link Port}
     * (defaults 8080, 8081, 8082, 27027, 8090), {@code Z3CHAT_DATA_DIR} (default {@code .z3chat} in the
     * checkout), {@code OPENROUTER_API_KEY} and {@code OPENROUTER_BASE_URL}.
     *
     * @throws IllegalArgumentException naming the variable when a port is not a number from 1 to 65535
     *                                  or two processes would share one
     */
    public static StackConfig fromEnvironment(Map<String, String> env, Path repoRoot, Path stackJar) {
        String dataDir = blankToNull(env.get("Z3CHAT_DATA_DIR"));
        Path workDir = (dataDir == null ? repoRoot.resolve(".z3chat") : Path.of(dataDir)).toAbsolutePath();
        return new StackConfig(repoRoot, stackJar, workDir,
                port(env, Port.GATEWAY), port(env, Port.PERSISTENCE), port(env, Port.LLM_PROXY),
                port(env, Port.STORE), port(env, Port.OIDC),
                blankToNull(env.get("OPENROUTER_API_KEY")), blankToNull(env.get("OPENROUTER_BASE_URL")), Map.of());
    }

    /** Each port with what listens on it. */
    public Map<Port, Integer> ports() {
        Map<Port, Integer> ports = new LinkedHashMap<>();
        ports.put(Port.STORE, storePort);
        ports.put(Port.OIDC, oidcPort);
        ports.put(Port.PERSISTENCE, persistencePort);
        ports.put(Port.LLM_PROXY, llmProxyPort);
        ports.put(Port.GATEWAY, gatewayPort);
        return ports;
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + gatewayPort;
    }

    public String persistenceUrl() {
        return "http://127.0.0.1:" + persistencePort;
    }

    public String llmProxyUrl() {
        return "http://127.0.0.1:" + llmProxyPort;
    }

    public String oidcIssuerUrl() {
        return "http://127.0.0.1:" + oidcPort + "/" + OIDC_ISSUER_ID;
    }

    public String storeUri() {
        return "mongodb://127.0.0.1:" + storePort;
    }

    public Path serviceJar(String module) {
        return repoRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private static int port(Map<String, String> env, Port port) {
        String value = blankToNull(env.get(port.variable));
        if (value == null) {
            return port.defaultPort;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(port.variable + " (" + port.process + ") must be a port from 1 to 65535, not \"" + value + "\"");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
