package io.z3chat.local;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A process is ready only when it answers on its port itself: another process answering there does not count. */
class ChildProcessReadinessTest {

    @TempDir
    Path logs;

    private final List<ChildProcess> started = new ArrayList<>();
    private HttpServer impostor;

    @AfterEach
    void stopEverything() {
        started.forEach(p -> p.stop(Duration.ofSeconds(5)));
        if (impostor != null) {
            impostor.stop(0);
        }
    }

    @Test
    void aHealthAnswerFromAnotherProcessOnThePortIsNotReadiness() throws Exception {
        int port = freePort();
        impostor = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        impostor.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        impostor.start();
        // alive, but it listens nowhere: the 200 on its port comes from this test's JVM
        ChildProcess child = start(List.of("sleep", "60"));

        assertTrue(child.isAlive());
        assertFalse(child.httpReady(port, "http://127.0.0.1:" + port + "/q/health/ready"));
        assertFalse(child.tcpReady(port));
        assertTrue(ListeningSockets.listeners(port).contains(ProcessHandle.current().pid()),
                "the port's holder is named: " + ListeningSockets.listeners(port));
    }

    @Test
    void aProcessAnsweringOnItsOwnPortIsReady() throws Exception {
        int port = freePort();
        ChildProcess child = start(ChildProcess.java(JvmSettings.QUICK_START, "64m", "-cp", System.getProperty("java.class.path"),
                HealthAnsweringProcess.class.getName(), Integer.toString(port)));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!child.httpReady(port, "http://127.0.0.1:" + port + "/q/health/ready")) {
            assertTrue(child.isAlive(), "the stand-in died; see " + child.logFile());
            assertTrue(System.nanoTime() < deadline, "the stand-in never became ready");
            Thread.sleep(100);
        }
        assertTrue(child.tcpReady(port));
        assertTrue(ListeningSockets.listeners(port).contains(child.pid()));
    }

    @Test
    void aKilledProcessIsNotReadyAndFreesItsPort() throws Exception {
        int port = freePort();
        ChildProcess child = start(ChildProcess.java(JvmSettings.QUICK_START, "64m", "-cp", System.getProperty("java.class.path"),
                HealthAnsweringProcess.class.getName(), Integer.toString(port)));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!child.tcpReady(port)) {
            assertTrue(System.nanoTime() < deadline, "the stand-in never listened");
            Thread.sleep(100);
        }
        child.kill();
        assertFalse(child.isAlive());
        assertFalse(child.tcpReady(port));
        assertTrue(PortCheck.isFree(port));
    }

    private ChildProcess start(List<String> command) throws IOException {
        ChildProcess child = ChildProcess.start("child-" + started.size(), command, Map.of(), logs);
        started.add(child);
        return child;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
