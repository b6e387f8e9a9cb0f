package io.z3chat.local.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the machine's own npm or node in {@code local-stack/browser-tests}, its output forwarded line by line. */
final class NodeRun {

    private NodeRun() {
    }

    static Path browserTests() {
        return Path.of(System.getProperty("z3chat.repo.root", "..")).toAbsolutePath().normalize()
                .resolve("local-stack/browser-tests");
    }

    /** {@code npm ci} on the committed lockfile; then the command; returns its exit code (-1 on timeout). */
    static int npmCiThen(List<String> command, Map<String, String> env, int minutes) throws IOException, InterruptedException {
        int installed = run(List.of("npm", "ci", "--prefer-offline", "--no-audit", "--no-fund"), Map.of(), 5);
        if (installed != 0) {
            throw new IllegalStateException("npm ci in " + browserTests() + " failed with exit " + installed);
        }
        return run(command, env, minutes);
    }

    static int run(List<String> command, Map<String, String> env, int minutes) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(browserTests().toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        Thread pump = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    System.out.println("[node] " + line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        pump.start();
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            pump.join(5000);
            return -1;
        }
        pump.join(5000);
        return process.exitValue();
    }
}
