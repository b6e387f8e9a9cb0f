package io.z3chat.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The checkout under test and the command-line tools the checks drive (kubectl, promtool). */
final class Repo {

    private Repo() {
    }

    /**
     * A command-line tool at its usual place, else wherever it is on the PATH. promtool is Debian's prometheus
     * package (./test.sh installs it); kubectl is no Debian package: it comes with the machine image, or from the
     * Kubernetes project's packages (README, "Testing"); ./test.sh stops at once without it.
     */
    static Path tool(Path usual) {
        if (Files.isExecutable(usual)) {
            return usual;
        }
        String name = usual.getFileName().toString();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(name + " is not installed: " + (name.equals("kubectl")
                ? "it is no Debian package; install kubectl from the Kubernetes project (https://kubernetes.io/docs/tasks/tools/), "
                        + "deploy-checks needs only its offline `kubectl kustomize`"
                : "./test.sh installs it (Debian package prometheus)"));
    }

    static Path root() {
        return Path.of(System.getProperty("z3chat.repo.root", "..")).toAbsolutePath().normalize();
    }

    static Path file(String relative) {
        Path path = root().resolve(relative);
        if (!Files.exists(path)) {
            throw new AssertionError(relative + " is missing from the checkout");
        }
        return path;
    }

    static String read(String relative) {
        try {
            return Files.readString(file(relative));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + relative, e);
        }
    }

    /** What a command printed; fails the test, with its output, when it cannot run or exits non-zero. */
    static String run(List<String> command) {
        return run(command, 0);
    }

    static String run(List<String> command, int expectedExit) {
        List<String> resolved = new java.util.ArrayList<>(command);
        resolved.set(0, tool(Path.of(command.get(0))).toString());
        try {
            Process process = new ProcessBuilder(resolved).directory(root().toFile()).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish");
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != expectedExit) {
                throw new AssertionError(String.join(" ", command) + " exited " + process.exitValue()
                        + " (expected " + expectedExit + "):\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
