package io.z3chat.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Reserves the ports of the stub persistence-service, llm-proxy-service and peer gateway and points the gateway at
 * them, with the test-only internal key pair. The stubs themselves are started by {@link Stubs} inside the tests' class loader.
 */
public class StubServicesResource implements QuarkusTestResourceLifecycleManager {

    static final String PERSISTENCE_PORT = "gatewaytest.persistence-port";
    static final String LLM_PROXY_PORT = "gatewaytest.llm-proxy-port";
    static final String PEER_PORT = "gatewaytest.peer-port";

    @Override
    public Map<String, String> start() {
        int persistence = freePort();
        int llmProxy = freePort();
        int peer = freePort();
        System.setProperty(PERSISTENCE_PORT, Integer.toString(persistence));
        System.setProperty(LLM_PROXY_PORT, Integer.toString(llmProxy));
        System.setProperty(PEER_PORT, Integer.toString(peer));
        return Map.of(
                "z3chat.downstream.persistence-url", "http://127.0.0.1:" + persistence,
                "z3chat.downstream.llm-proxy-url", "http://127.0.0.1:" + llmProxy,
                // the stubs answer their health too, as the services' management interfaces would
                "z3chat.downstream.persistence-management-url", "http://127.0.0.1:" + persistence,
                "z3chat.downstream.llm-proxy-management-url", "http://127.0.0.1:" + llmProxy,
                // another gateway replica, told of every reply started here
                "z3chat.peers.urls", "http://127.0.0.1:" + peer,
                "z3chat.internal-jwt.private-key", resource("internal-jwt/private.pem"),
                "z3chat.internal-jwt.public-key", resource("internal-jwt/public.pem"));
    }

    @Override
    public void stop() {
        Stubs.stopAll();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String resource(String name) {
        try (InputStream in = StubServicesResource.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
