package io.z3chat.local;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A start on a taken port stops before anything runs, and says which port and what holds it. */
class TakenPortIT {

    @Test
    void aTakenServicePortStopsTheStartNamingThePortAndItsHolderAndStartsNothing() throws Exception {
        Path repoRoot = Path.of(System.getProperty("z3chat.repo.root", "..")).toAbsolutePath().normalize();
        Path stackJar = Path.of(System.getProperty("z3chat.stack.jar", "target/local-stack.jar")).toAbsolutePath();
        Path workDir = Files.createTempDirectory("z3chat-taken-port");
        try (ServerSocket holder = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int taken = holder.getLocalPort();
            StackConfig config = new StackConfig(repoRoot, stackJar, workDir,
                    freePort(), taken, freePort(), freePort(), freePort(), null, null, Map.of());
            Set<Long> childrenBefore = children();

            LocalStack stack = new LocalStack(config);
            PortTakenException e = assertThrows(PortTakenException.class, () -> stack.start(Duration.ofMinutes(2)));

            assertTrue(e.getMessage().startsWith("port " + taken + " (persistence-service, Z3CHAT_PERSISTENCE_PORT) is taken: held by pid "
                    + ProcessHandle.current().pid()), e.getMessage());
            assertEquals(childrenBefore, children(), "no process was started");
            for (int port : config.ports().values()) {
                if (port != taken) {
                    assertTrue(PortCheck.isFree(port), "nothing listens on " + port);
                }
            }
            assertTrue(!Files.exists(workDir.resolve("logs")), "no process log was even opened");
            stack.close();
        }
    }

    private static Set<Long> children() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
