package io.z3chat.persistence.support;

import com.mongodb.client.MongoClients;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.mongodb.client.model.Filters.eq;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The test store answers each command with its own result, as MongoDB does, however many run at once. */
class AtomicCommandsBackendTest {

    @Test
    void concurrentIncrementsEachAnswerWithTheirOwnCount() throws Exception {
        var server = new MongoServer(new AtomicCommandsBackend(new MemoryBackend()));
        server.bind("127.0.0.1", 0);
        try (var client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
            var counters = client.getDatabase("test").getCollection("counters");
            counters.insertOne(new Document("_id", "c").append("count", 0));
            var after = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);
            int rounds = 200;
            List<Callable<Integer>> increments = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                increments.add(() -> counters.findOneAndUpdate(eq("_id", "c"), Updates.inc("count", 1), after)
                        .getInteger("count"));
            }
            var pool = Executors.newFixedThreadPool(16);
            Set<Integer> answers = new TreeSet<>();
            try {
                for (var answer : pool.invokeAll(increments)) {
                    answers.add(answer.get());
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(IntStream.rangeClosed(1, rounds).boxed().collect(Collectors.toSet()), answers);
        } finally {
            server.shutdownNow();
        }
    }
}
