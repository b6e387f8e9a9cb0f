package io.z3chat.gateway.downstream;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.z3chat.gateway.support.GatewayTest;

/**
 * Peers found by DNS, as Kubernetes' headless Service {@code chat-gateway-peers} lists them: every address the name
 * resolves to, on the configured port, resolved on a worker thread after the start and again periodically.
 */
@QuarkusTest
@GatewayTest
@TestProfile(PeerDiscoveryTest.PeersByDns.class)
class PeerDiscoveryTest {

    static final int PORT = freePort();

    public static class PeersByDns implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("z3chat.peers.dns-name", "localhost", "z3chat.peers.dns-port", Integer.toString(PORT),
                    "z3chat.peers.refresh-interval", "1s");
        }
    }

    @Inject
    GatewayPeers peers;

    @Test
    void everyAddressTheNameResolvesToIsAPeerOnTheConfiguredPort() {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> peers.current().contains("http://127.0.0.1:" + PORT));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
