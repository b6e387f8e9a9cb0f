package io.z3chat.local;

import java.nio.file.Path;
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

    public Path serviceJar(String module) {
        return repoRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
