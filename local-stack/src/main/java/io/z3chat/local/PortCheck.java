package io.z3chat.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Before anything starts: every port of the stack must be free, else the start stops and says who holds which. */
final class PortCheck {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private PortCheck() {
    }

    /** @throws PortTakenException naming each taken port, its variable and what holds it */
    static void requireFree(Map<StackConfig.Port, Integer> ports) {
        List<String> taken = new ArrayList<>();
        ports.forEach((port, number) -> {
            if (!isFree(number)) {
                taken.add("port " + number + " (" + port.process() + ", " + port.variable() + ") is taken: " + describeHolder(number));
            }
        });
        if (!taken.isEmpty()) {
            throw new PortTakenException(String.join("\n", taken)
                    + "\nNothing was started. Stop what holds the port or move this stack with the variable named.");
        }
    }

    /** True when the port can be bound on 127.0.0.1 and nothing answers on it there. */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // as the services bind: connections of an earlier run still in TIME_WAIT do not hold the port
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            return false;
        }
        // something listening on another address of the same port (::1, 0.0.0.0 with SO_REUSEPORT) still answers
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 300);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Who holds the port (process id and command line, when this user may see them) and what it answers. */
    static String describeHolder(int port) {
        Set<Long> pids = ListeningSockets.listeners(port);
        String who;
        if (!pids.isEmpty()) {
            List<String> holders = new ArrayList<>();
            for (long pid : pids) {
                String command = ProcessHandle.of(pid).flatMap(p -> p.info().commandLine()).orElse("?");
                holders.add("pid " + pid + " (" + abbreviate(command) + ")");
            }
            who = "held by " + String.join(", ", holders);
        } else {
            who = ListeningSockets.supported() ? "held by a process of another user" : "held by a process this machine does not name";
        }
        return who + "; " + probe(port);
    }

    private static String probe(int port) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/q/health/ready")).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            String server = response.headers().firstValue("Server").map(s -> ", Server: " + s).orElse("");
            return "it answers HTTP (GET /q/health/ready: " + response.statusCode() + server
                    + (response.statusCode() == 200 ? ", likely a z3chat service of another stack)" : ")");
        } catch (IOException e) {
            return canConnect(port) ? "it accepts connections but does not answer HTTP" : "it does not accept connections on 127.0.0.1";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "not probed";
        }
    }

    private static boolean canConnect(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String abbreviate(String command) {
        return command.length() <= 160 ? command : command.substring(0, 157) + "...";
    }
}
