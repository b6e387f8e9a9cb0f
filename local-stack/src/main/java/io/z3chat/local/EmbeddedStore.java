package io.z3chat.local;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A MongoDB-wire-compatible store for local runs: mongo-java-server with its H2 backend, so
 * data survives restarts. It runs in a process of its own, never inside a service.
 *
 * <p>Usage: {@code EmbeddedStore <port> <data-file>}. It scans instead of using secondary
 * indexes and has no {@code $text}; production runs on MongoDB 7+.
 */
public final class EmbeddedStore {

    private EmbeddedStore() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: EmbeddedStore <port> <data-file>");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Path file = Path.of(args[1]).toAbsolutePath();
        Files.createDirectories(file.getParent());

        H2Backend backend = new H2Backend(file.toString());
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        System.out.println("embedded store listening on mongodb://127.0.0.1:" + port + " data=" + file);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // shutdown() closes the backend, which commits and closes the MVStore file
            server.shutdown();
            System.out.println("embedded store stopped, data kept in " + file);
            stopped.countDown();
        }, "store-shutdown"));
        stopped.await();
    }
}
