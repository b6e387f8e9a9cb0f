package io.z3chat.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StackConfigTest {

    private static final Path ROOT = Path.of("/checkout");
    private static final Path JAR = Path.of("/checkout/local-stack/target/local-stack.jar");

    @Test
    void everyPortHasItsDefaultWithoutEnvironment() {
        StackConfig config = StackConfig.fromEnvironment(Map.of(), ROOT, JAR);
        assertEquals(8080, config.gatewayPort());
        assertEquals(8081, config.persistencePort());
        assertEquals(8082, config.llmProxyPort());
        assertEquals(27027, config.storePort());
        assertEquals(8090, config.oidcPort());
        assertEquals(ROOT.resolve(".z3chat"), config.workDir());
        assertEquals(null, config.openRouterApiKey());
    }

    @Test
    void everyPortIsSetByItsOwnVariable() {
        StackConfig config = StackConfig.fromEnvironment(Map.of(
                "Z3CHAT_PORT", "9080", "Z3CHAT_PERSISTENCE_PORT", "9081", "Z3CHAT_LLM_PROXY_PORT", "9082",
                "Z3CHAT_STORE_PORT", "29027", "Z3CHAT_OIDC_PORT", " 9090 ", "Z3CHAT_DATA_DIR", "/tmp/second-stack",
                "OPENROUTER_API_KEY", "sk-test", "OPENROUTER_BASE_URL", "http://127.0.0.1:1/v1"), ROOT, JAR);
        assertEquals(9080, config.gatewayPort());
        assertEquals(9081, config.persistencePort());
        assertEquals(9082, config.llmProxyPort());
        assertEquals(29027, config.storePort());
        assertEquals(9090, config.oidcPort());
        assertEquals("http://127.0.0.1:9081", config.persistenceUrl());
        assertEquals("mongodb://127.0.0.1:29027", config.storeUri());
        assertEquals("http://127.0.0.1:9090/z3chat", config.oidcIssuerUrl());
        assertEquals(Path.of("/tmp/second-stack"), config.workDir());
        assertEquals("sk-test", config.openRouterApiKey());
    }

    @Test
    void aPortThatIsNotANumberIsRefusedNamingItsVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StackConfig.fromEnvironment(Map.of("Z3CHAT_STORE_PORT", "mongo"), ROOT, JAR));
        assertTrue(e.getMessage().contains("Z3CHAT_STORE_PORT"), e.getMessage());
        assertTrue(e.getMessage().contains("\"mongo\""), e.getMessage());
    }

    @Test
    void aPortOutOfRangeIsRefusedNamingItsVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StackConfig.fromEnvironment(Map.of("Z3CHAT_OIDC_PORT", "70000"), ROOT, JAR));
        assertTrue(e.getMessage().startsWith("Z3CHAT_OIDC_PORT (local identity provider)"), e.getMessage());
    }

    @Test
    void twoProcessesOnOnePortAreRefusedNamingBothVariables() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StackConfig.fromEnvironment(Map.of("Z3CHAT_LLM_PROXY_PORT", "8081"), ROOT, JAR));
        assertTrue(e.getMessage().contains("Z3CHAT_PERSISTENCE_PORT and Z3CHAT_LLM_PROXY_PORT are both 8081"), e.getMessage());
    }
}
