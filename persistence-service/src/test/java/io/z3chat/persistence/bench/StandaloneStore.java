package io.z3chat.persistence.bench;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/** The embedded store in a process of its own, so a benchmark measures the service's heap and not the store's. */
public final class StandaloneStore {

    private StandaloneStore() {
    }

    public static void main(String[] args) throws InterruptedException {
        var server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", Integer.parseInt(args[0]));
        System.out.println("store listening");
        Thread.currentThread().join();
    }
}
