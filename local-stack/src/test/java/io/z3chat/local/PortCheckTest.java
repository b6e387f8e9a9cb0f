package io.z3chat.local;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PortCheckTest {

    private static final String SELF = "pid " + ProcessHandle.current().pid();

    @Test
    void freePortsPass() throws IOException {
        Map<StackConfig.Port, Integer> ports = new LinkedHashMap<>();
        ports.put(StackConfig.Port.STORE, freePort());
        ports.put(StackConfig.Port.GATEWAY, freePort());
        assertDoesNotThrow(() -> PortCheck.requireFree(ports));
    }

    @Test
    void aPortHeldByAPlainSocketIsNamedWithItsHolderAndThatItSpeaksNoHttp() throws IOException {
        try (ServerSocket holder = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = holder.getLocalPort();
            assertFalse(PortCheck.isFree(port));
            Map<StackConfig.Port, Integer> ports = new LinkedHashMap<>();
            ports.put(StackConfig.Port.STORE, freePort());
            ports.put(StackConfig.Port.PERSISTENCE, port);
            PortTakenException e = assertThrows(PortTakenException.class, () -> PortCheck.requireFree(ports));
            assertTrue(e.getMessage().startsWith("port " + port + " (persistence-service, Z3CHAT_PERSISTENCE_PORT) is taken: held by " + SELF),
                    e.getMessage());
            assertTrue(e.getMessage().contains("does not answer HTTP"), e.getMessage());
            assertFalse(e.getMessage().contains("Z3CHAT_STORE_PORT"), "only the taken port is named: " + e.getMessage());
        }
    }

    @Test
    void aPortHeldByAServiceOfAnotherStackSaysItAnswersHealth() throws IOException {
        HttpServer other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        other.createContext("/q/health/ready", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        other.start();
        try {
            int port = other.getAddress().getPort();
            PortTakenException e = assertThrows(PortTakenException.class,
                    () -> PortCheck.requireFree(Map.of(StackConfig.Port.GATEWAY, port)));
            assertTrue(e.getMessage().contains("port " + port + " (chat-gateway, Z3CHAT_PORT) is taken: held by " + SELF), e.getMessage());
            assertTrue(e.getMessage().contains("GET /q/health/ready: 200"), e.getMessage());
            assertTrue(e.getMessage().contains("Nothing was started"), e.getMessage());
        } finally {
            other.stop(0);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
