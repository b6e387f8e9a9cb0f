package io.z3chat.local;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Which processes listen on a TCP port: from {@code /proc} on Linux (the listening socket's inode, found
 * among a process's open files), else from {@code lsof}. Empty when neither can tell.
 */
final class ListeningSockets {

    private static final Path PROC = Path.of("/proc");
    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    /** True when this machine can say which process listens on a port. */
    static boolean supported() {
        return Files.isReadable(PROC.resolve("net/tcp")) || lsofPath().isPresent();
    }

    /** The ids of the processes (of those this user may inspect) with a listening socket on the port. */
    static Set<Long> listeners(int port) {
        if (Files.isReadable(PROC.resolve("net/tcp"))) {
            Set<String> inodes = listeningInodes(port);
            if (inodes.isEmpty()) {
                return Set.of();
            }
            Set<Long> pids = new LinkedHashSet<>();
            try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*")) {
                for (Path process : processes) {
                    long pid = Long.parseLong(process.getFileName().toString());
                    if (holdsAny(pid, inodes)) {
                        pids.add(pid);
                    }
                }
            } catch (IOException e) {
                return Set.of();
            }
            return pids;
        }
        return lsofListeners(port);
    }

    /** True when the process, or one it started, has a listening socket on the port. */
    static boolean isListening(ProcessHandle process, int port) {
        Set<Long> family = new HashSet<>();
        family.add(process.pid());
        process.descendants().forEach(child -> family.add(child.pid()));
        if (Files.isReadable(PROC.resolve("net/tcp"))) {
            Set<String> inodes = listeningInodes(port);
            return !inodes.isEmpty() && family.stream().anyMatch(pid -> holdsAny(pid, inodes));
        }
        return lsofListeners(port).stream().anyMatch(family::contains);
    }

    /** The inodes of sockets in state LISTEN on the port, IPv4 and IPv6. */
    private static Set<String> listeningInodes(int port) {
        String hexPort = ":" + String.format(Locale.ROOT, "%04X", port);
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            Path file = PROC.resolve(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(file)) {
                    String[] fields = line.trim().split("\\s+");
                    // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
                    if (fields.length > 9 && fields[1].endsWith(hexPort) && LISTEN.equals(fields[3])) {
                        inodes.add(fields[9]);
                    }
                }
            } catch (IOException e) {
                // a table that cannot be read says nothing
            }
        }
        return inodes;
    }

    private static boolean holdsAny(long pid, Set<String> inodes) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(PROC.resolve(pid + "/fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1))) {
                        return true;
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while we looked
                }
            }
        } catch (IOException | SecurityException notOurs) {
            // another user's process, or one that just exited
        }
        return false;
    }

    private static Set<Long> lsofListeners(int port) {
        Optional<Path> lsof = lsofPath();
        if (lsof.isEmpty()) {
            return Set.of();
        }
        try {
            Process process = new ProcessBuilder(lsof.get().toString(), "-nP", "-t", "-iTCP:" + port, "-sTCP:LISTEN")
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            process.waitFor(5, TimeUnit.SECONDS);
            Set<Long> pids = new LinkedHashSet<>();
            for (String line : output.split("\\R")) {
                if (line.trim().matches("\\d+")) {
                    pids.add(Long.parseLong(line.trim()));
                }
            }
            return pids;
        } catch (IOException e) {
            return Set.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Set.of();
        }
    }

    private static Optional<Path> lsofPath() {
        return List.of("/usr/bin/lsof", "/usr/sbin/lsof", "/bin/lsof").stream().map(Path::of)
                .filter(Files::isExecutable).findFirst();
    }
}
