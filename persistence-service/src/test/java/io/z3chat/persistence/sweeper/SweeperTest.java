package io.z3chat.persistence.sweeper;

import com.mongodb.client.MongoClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.z3chat.persistence.support.Store;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import static io.z3chat.persistence.support.Api.as;
import static io.z3chat.persistence.support.Api.newId;
import static io.z3chat.persistence.support.Api.newUser;
import static io.z3chat.persistence.support.Api.putMessage;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In tests the sweeper ticks every second and calls a reply stale after ten minutes, so only
 * replies a test back-dates are ever swept.
 */
@QuarkusTest
class SweeperTest {

    @Inject
    MongoClient mongo;

    @Inject
    MessageSweeper sweeper;

    @Inject
    MeterRegistry registry;

    @Test
    void theScheduledSweeperInterruptsAStaleReplyAndKeepsItsText() {
        var user = newUser();
        var reply = streamingReply(user, "half a sto");
        double sweeps = count("z3chat.sweeper.sweeps");
        double interrupted = count("z3chat.sweeper.interrupted");
        backdate(reply);

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() ->
                "interrupted".equals(Store.message(mongo, reply.messageId).getString("status")));

        as(user).get("/chats/{c}/messages/{m}", reply.chatId, reply.messageId).then()
                .body("status", is("interrupted")).body("content", is("half a sto"));
        assertTrue(count("z3chat.sweeper.sweeps") > sweeps);
        assertTrue(count("z3chat.sweeper.interrupted") >= interrupted + 1);
    }

    @Test
    void aReplyWithARecentCheckpointIsLeftStreaming() {
        var user = newUser();
        var reply = streamingReply(user, "still going");
        sweeper.sweep();
        assertEquals("streaming", Store.message(mongo, reply.messageId).getString("status"));
    }

    @Test
    void theSameGenerationsFinalReplyReplacesTheInterruption() {
        var user = newUser();
        var reply = streamingReply(user, "partial");
        backdate(reply);
        sweeper.sweep();
        assertEquals("interrupted", Store.message(mongo, reply.messageId).getString("status"));

        patch(user, reply, Map.of("content", "partial", "status", "streaming", "generationId", reply.generationId))
                .then().statusCode(200).body("status", is("interrupted"));
        patch(user, reply, Map.of("content", "partial and whole", "status", "complete", "generationId", reply.generationId))
                .then().statusCode(200).body("status", is("complete")).body("content", is("partial and whole"));
        as(user).get("/chats/{id}", reply.chatId).then().body("lastMessage", is("partial and whole"));
    }

    @Test
    void anotherGenerationCannotReplaceTheInterruption() {
        var user = newUser();
        var reply = streamingReply(user, "partial");
        backdate(reply);
        sweeper.sweep();
        patch(user, reply, Map.of("content", "imposter", "status", "complete", "generationId", "gen_" + newId()))
                .then().statusCode(409);
        patch(user, reply, Map.of("content", "no generation", "status", "complete")).then().statusCode(409);
        assertEquals("partial", Store.message(mongo, reply.messageId).getString("content"));
    }

    @Test
    void anInterruptionTheSweeperDidNotSetIsFinal() {
        var user = newUser();
        var reply = streamingReply(user, "partial");
        patch(user, reply, Map.of("content", "partial", "status", "interrupted", "generationId", reply.generationId))
                .then().statusCode(200);
        patch(user, reply, Map.of("content", "partial and whole", "status", "complete", "generationId", reply.generationId))
                .then().statusCode(409);
    }

    private record Reply(String chatId, String messageId, String generationId) {
    }

    private static Reply streamingReply(String user, String text) {
        var reply = new Reply(newId(), newId(), "gen_" + newId());
        putMessage(user, reply.chatId, newId(), "user", "question");
        var body = new HashMap<String, Object>(Map.of("content", text, "status", "streaming", "generationId", reply.generationId));
        patch(user, reply, body).then().statusCode(201);
        return reply;
    }

    private void backdate(Reply reply) {
        Store.setMessageField(mongo, reply.messageId, "checkpointAt", Date.from(Instant.now().minus(Duration.ofMinutes(11))));
    }

    private static io.restassured.response.Response patch(String user, Reply reply, Map<String, ?> body) {
        return as(user).body(body).patch("/chats/{c}/messages/{m}", reply.chatId, reply.messageId);
    }

    private double count(String metric) {
        var counter = registry.find(metric).counter();
        return counter == null ? 0 : counter.count();
    }
}
