package io.z3chat.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One process of the local stack: how it is started, where it logs, and how to tell it is ready. */
final class ChildProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path logFile;
    private final Process process;

    private ChildProcess(String name, Path logFile, Process process) {
        this.name = name;
        this.logFile = logFile;
        this.process = process;
    }

    /** Starts the command; its output goes to {@code <name>.log}, appended, so a restart keeps what came before. */
    static ChildProcess start(String name, List<String> command, Map<String, String> env, Path logDir)
            throws IOException {
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        return new ChildProcess(name, log, builder.start());
    }

    static List<String> java(JvmSettings settings, String heap, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(settings.flags(heap));
        command.addAll(List.of(args));
        return command;
    }

    String name() {
        return name;
    }

    Path logFile() {
        return logFile;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * True when this process itself listens on the port. Where the machine cannot tell which process holds a
     * port, true while it is alive: the ports were checked free before anything started.
     */
    boolean isListeningOn(int port) {
        if (!process.isAlive()) {
            return false;
        }
        return !ListeningSockets.supported() || ListeningSockets.isListening(process.toHandle(), port);
    }

    /** True once this process listens on the port and an HTTP GET of the URL (on that port) answers 200. */
    boolean httpReady(int port, String url) {
        if (!isListeningOn(port)) {
            return false;
        }
        try {
            HttpResponse<Void> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** True once this process listens on the port and accepts TCP connections there. */
    boolean tcpReady(int port) {
        if (!isListeningOn(port)) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Asks the process (and anything it started) to stop, then forces it after the grace period. */
    void stop(Duration grace) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** kill -9: the process ends at once, without running its shutdown hooks, as a crash or an OOM kill does. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGSTOP ({@code suspend = true}) or SIGCONT: the process freezes with its sockets open, as a long GC pause or a hung host does. */
    void signal(boolean suspend) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", suspend ? "-STOP" : "-CONT", Long.toString(process.pid()))
                .redirectErrorStream(true).start();
        if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill " + (suspend ? "-STOP " : "-CONT ") + process.pid() + " failed: "
                    + new String(kill.getInputStream().readAllBytes()));
        }
    }
}
