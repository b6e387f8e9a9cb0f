package io.z3chat.persistence.message;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.z3chat.persistence.message.ReplyTest.chatWithQuestion;
import static io.z3chat.persistence.message.ReplyTest.checkpoint;
import static io.z3chat.persistence.message.ReplyTest.finish;
import static io.z3chat.persistence.message.ReplyTest.patch;
import static io.z3chat.persistence.support.Api.as;
import static io.z3chat.persistence.support.Api.newId;
import static io.z3chat.persistence.support.Api.newUser;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A reply's final write lands whatever order the initial checkpoint, the checkpoints and the final reach us in:
 * llm-proxy stops waiting for its initial checkpoint after a timeout, so that checkpoint can arrive after the final.
 */
@QuarkusTest
class ReplyOrderTest {

    private static final int RACES = 40;

    @Test
    void aFinalBeforeTheMessageExistsLandsAndTheLateInitialCheckpointLeavesItAlone() {
        var user = newUser();
        var chatId = chatWithQuestion(user);
        var replyId = newId();
        var generationId = "gen_" + newId();
        patch(user, chatId, replyId, generation(finish("complete", "The whole reply."), generationId)).then()
                .statusCode(201).body("status", is("complete"));
        patch(user, chatId, replyId, generation(checkpoint(""), generationId)).then().statusCode(200)
                .body("status", is("complete")).body("content", is("The whole reply."));
        patch(user, chatId, replyId, generation(checkpoint("The whole"), generationId)).then().statusCode(200)
                .body("status", is("complete"));
        as(user).get("/chats/{c}/messages/{m}", chatId, replyId).then()
                .body("status", is("complete")).body("content", is("The whole reply."));
        as(user).get("/chats/{id}", chatId).then().body("messageCount", is(2)).body("lastMessage", is("The whole reply."));
    }

    @Test
    void aRetriedFinalAfterAnInitialCheckpointThatLandedLateIsStillTheSameFinish() {
        var user = newUser();
        var chatId = chatWithQuestion(user);
        var replyId = newId();
        var generationId = "gen_" + newId();
        patch(user, chatId, replyId, generation(finish("complete", "Done."), generationId)).then().statusCode(201);
        patch(user, chatId, replyId, generation(checkpoint(""), generationId)).then().statusCode(200);
        patch(user, chatId, replyId, generation(finish("complete", "Done."), generationId)).then().statusCode(200)
                .body("status", is("complete")).body("content", is("Done."));
    }

    @Test
    void concurrentInitialCheckpointAndFinalAlwaysLeaveTheFinalReply() throws Exception {
        var user = newUser();
        var chatId = chatWithQuestion(user);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            for (int i = 0; i < RACES; i++) {
                var replyId = newId();
                var generationId = "gen_" + newId();
                var text = "reply number " + i + " complete";
                var start = new CyclicBarrier(3);
                List<Future<Response>> calls = new ArrayList<>();
                calls.add(pool.submit(racing(start, () -> patch(user, chatId, replyId,
                        generation(finish("complete", text), generationId)))));
                calls.add(pool.submit(racing(start, () -> patch(user, chatId, replyId,
                        generation(checkpoint(""), generationId)))));
                calls.add(pool.submit(racing(start, () -> patch(user, chatId, replyId,
                        generation(checkpoint("reply number"), generationId)))));
                int finalStatus = calls.get(0).get().statusCode();
                assertTrue(finalStatus == 200 || finalStatus == 201, "race " + i + ": the final got " + finalStatus
                        + " " + calls.get(0).get().asString());
                for (var checkpointCall : calls.subList(1, 3)) {
                    int status = checkpointCall.get().statusCode();
                    assertTrue(status == 200 || status == 201, "race " + i + ": a checkpoint got " + status);
                }
                as(user).get("/chats/{c}/messages/{m}", chatId, replyId).then().statusCode(200)
                        .body("status", is("complete")).body("content", is(text));
            }
        } finally {
            pool.shutdownNow();
        }
        as(user).get("/chats/{id}", chatId).then().body("messageCount", is(RACES + 1));
    }

    @Test
    void concurrentPutsOfOneUserMessageBothSucceedAndStoreItOnce() throws Exception {
        var user = newUser();
        var chatId = chatWithQuestion(user);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < RACES; i++) {
                var messageId = newId();
                var start = new CyclicBarrier(2);
                Callable<Response> put = () -> as(user).body(Map.of("role", "user", "content", "same question"))
                        .put("/chats/{c}/messages/{m}", chatId, messageId);
                var first = pool.submit(racing(start, put));
                var second = pool.submit(racing(start, put));
                var statuses = List.of(first.get().statusCode(), second.get().statusCode());
                assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 201), "race " + i + ": " + statuses);
                assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "race " + i + ": " + statuses);
            }
        } finally {
            pool.shutdownNow();
        }
        as(user).get("/chats/{id}", chatId).then().body("messageCount", is(RACES + 1));
        assertEquals(RACES + 1, as(user).get("/chats/{id}/messages?limit=200", chatId).then().extract()
                .jsonPath().getList("messages").size());
    }

    private static Callable<Response> racing(CyclicBarrier start, Callable<Response> call) {
        return () -> {
            start.await();
            return call.call();
        };
    }

    private static Map<String, Object> generation(Map<String, Object> body, String generationId) {
        body.put("generationId", generationId);
        body.put("generationOwner", "http://10.0.0.7:8082");
        return body;
    }
}
