package io.z3chat.persistence.support;

import io.z3chat.persistence.testing.TestKeys;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * An in-process MongoDB-wire server on a random local port: the service's real driver talks
 * TCP to it. Also hands the service the test public key as {@code INTERNAL_JWT_PUBLIC_KEY}.
 */
public class MongoTestResource implements QuarkusTestResourceLifecycleManager {

    private MongoServer server;

    @Override
    public Map<String, String> start() {
        server = new MongoServer(new AtomicCommandsBackend(new MemoryBackend()));
        server.bind("127.0.0.1", 0);
        return Map.of(
                "quarkus.mongodb.connection-string", "mongodb://127.0.0.1:" + server.getLocalAddress().getPort(),
                "INTERNAL_JWT_PUBLIC_KEY", TestKeys.pem("jwt/test-public-key.pem"));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdownNow();
        }
    }
}
