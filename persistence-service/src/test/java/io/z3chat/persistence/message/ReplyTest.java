package io.z3chat.persistence.message;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.z3chat.persistence.support.Api.as;
import static io.z3chat.persistence.support.Api.newId;
import static io.z3chat.persistence.support.Api.newUser;
import static io.z3chat.persistence.support.Api.putMessage;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** PATCH: checkpoints while a reply streams, one finish, never reopened. */
@QuarkusTest
class ReplyTest {

    private static final String GENERATION = "gen_" + newId();

    @Inject
    MeterRegistry registry;

    @Test
    void firstCheckpointCreatesTheStreamingReply() {
        var user = newUser();
        var chatId = chatWithQuestion(user);
        var replyId = newId();
        var body = checkpoint("");
        body.put("generationId", GENERATION);
        body.put("generationOwner", "http://10.0.0.7:8082");
        body.put("model", "openai/gpt-4o");
        patch(user, chatId, replyId, body).then().statusCode(201)
                .body("role", is("assistant")).body("status", is("streaming")).body("content", is(""))
                .body("generationId", is(GENERATION)).body("generationOwner", is("http://10.0.0.7:8082"))
                .body("model", is("openai/gpt-4o")).body("checkpointAt", notNullValue());
        as(user).get("/chats/{id}", chatId).then().body("messageCount", is(2)).body("model", is("openai/gpt-4o"));
    }

    @Test
    void aLongerCheckpointReplacesTheTextAndThePreview() {
        var user = newUser();
        var chatId = chatWithQuestion(user);
        var replyId = newId();
        patch(user, chatId, replyId, checkpoint("Once")).then().statusCode(201);
        double applied = checkpoints("applied");
        patch(user, chatId, replyId, checkpoint("Once upon a time")).then().statusCode(200)
                .body("content", is("Once upon a time")).body("status", is("streaming"));
        assertEquals(applied + 1, checkpoints("applied"));
        as(user).get("/chats/{id}", chatId).then().body("lastMessage", is("Once upon a time")).body("messageCount", is(2));
    }

    @Test
    void aLateShorterCheckpointIsIgnored() {
        var user = newUser();
        var chatId = chatWithQuestion(user);
        var replyId = newId();
        patch(user, chatId, replyId, checkpoint("Once upon a time")).then().statusCode(201);
        double ignored = checkpoints("ignored");
        patch(user, chatId, replyId, checkpoint("Once")).then().statusCode(200).body("content", is("Once upon a time"));
        assertEquals(ignored + 1, checkpoints("ignored"));
    }

    @Test
    void finishStoresTheFinalReplyWithUsageAndTiming() {
        var user = newUser();
        var chatId = chatWithQuestion(user);
        var replyId = newId();
        patch(user, chatId, replyId, checkpoint("Hel")).then().statusCode(201);
        var finish = finish("complete", "Hello!");
        finish.put("usage", Map.of("promptTokens", 10, "completionTokens", 3, "totalTokens", 13, "cost", 0.0001));
        finish.put("timing", Map.of("ttftMs", 120, "durationMs", 900, "tokensPerSecond", 3.3));
        finish.put("provider", "OpenAI");
        patch(user, chatId, replyId, finish).then().statusCode(200);
        as(user).get("/chats/{c}/messages/{m}", chatId, replyId).then()
                .body("status", is("complete")).body("content", is("Hello!"))
                .body("usage.totalTokens", is(13)).body("usage.cost", is(0.0001f))
                .body("timing.ttftMs", is(120)).body("timing.tokensPerSecond", is(3.3f)).body("provider", is("OpenAI"));
        as(user).get("/chats/{id}", chatId).then().body("lastMessage", is("Hello!"));
    }

    @Test
    void aFinishedReplyIsNeverReopenedByALateCheckpoint() {
        var user = newUser();
        var chatId = chatWithQuestion(user);
        var replyId = newId();
        patch(user, chatId, replyId, checkpoint("Hi")).then().statusCode(201);
        patch(user, chatId, replyId, finish("cancelled", "Hi")).then().statusCode(200);
        patch(user, chatId, replyId, checkpoint("Hi there, longer")).then().statusCode(200)
                .body("status", is("cancelled")).body("content", is("Hi"));
    }

    @Test
    void repeatingTheSameFinishChangesNothing() {
        var user = newUser();
        var chatId = chatWithQuestion(user);
        var replyId = newId();
        patch(user, chatId, replyId, checkpoint("Hi")).then().statusCode(201);
        patch(user, chatId, replyId, finish("complete", "Hi!")).then().statusCode(200);
        patch(user, chatId, replyId, finish("complete", "Hi!")).then().statusCode(200)
                .body("status", is("complete")).body("content", is("Hi!"));
    }

    @Test
    void aDifferentFinishAfterTheFinishIsAConflict() {
        var user = newUser();
        var chatId = chatWithQuestion(user);
        var replyId = newId();
        patch(user, chatId, replyId, checkpoint("Hi")).then().statusCode(201);
        patch(user, chatId, replyId, finish("cancelled", "Hi")).then().statusCode(200);
        patch(user, chatId, replyId, finish("complete", "Hi, all of it")).then().statusCode(409)
                .body("error.code", is("conflict"));
        as(user).get("/chats/{c}/messages/{m}", chatId, replyId).then()
                .body("status", is("cancelled")).body("content", is("Hi"));
    }

    @Test
    void aFinishWithoutAnyCheckpointCreatesTheReply() {
        var user = newUser();
        var chatId = chatWithQuestion(user);
        var replyId = newId();
        var failed = finish("error", "");
        failed.put("error", Map.of("code", "upstream_error", "message", "provider returned 502"));
        patch(user, chatId, replyId, failed).then().statusCode(201)
                .body("status", is("error")).body("error.code", is("upstream_error"));
    }

    @Test
    void aReplyNeedsAnExistingChat() {
        var user = newUser();
        var chatId = newId();
        patch(user, chatId, newId(), checkpoint("orphan")).then().statusCode(404).body("error.code", is("not_found"));
        as(user).get("/chats/{id}", chatId).then().statusCode(404);
    }

    @Test
    void patchingAMessageIdOfAnotherChatIsAConflict() {
        var user = newUser();
        var first = chatWithQuestion(user);
        var replyId = newId();
        patch(user, first, replyId, checkpoint("here")).then().statusCode(201);
        var second = chatWithQuestion(user);
        patch(user, second, replyId, finish("complete", "there")).then().statusCode(409);
        as(user).get("/chats/{id}", second).then().body("messageCount", is(1));
    }

    @Test
    void badRepliesAreRejected() {
        var user = newUser();
        var chatId = chatWithQuestion(user);
        var replyId = newId();
        patch(user, chatId, replyId, Map.of("content", "x", "status", "done")).then().statusCode(400);
        patch(user, chatId, replyId, Map.of("status", "streaming")).then().statusCode(400);
        patch(user, chatId, replyId, Map.of("content", "x", "status", "streaming", "generationId", "bad id")).then()
                .statusCode(400);
        patch(user, chatId, replyId, Map.of("content", "x", "status", "complete",
                "usage", Map.of("totalTokens", -1))).then().statusCode(400);
        as(user).get("/chats/{c}/messages/{m}", chatId, replyId).then().statusCode(404);
    }

    @Test
    void aReplyCutAtTheMaximumLengthIsSavedAndOneCharacterMoreIs413() {
        // llm-proxy's z3chat.generation.max-reply-chars is this same 100,000: the longest reply it produces
        // (ended reply_too_long) must be one this service stores.
        var user = newUser();
        var chatId = chatWithQuestion(user);
        var replyId = newId();
        patch(user, chatId, replyId, checkpoint("x".repeat(99_999) + "🎉")).then().statusCode(413)
                .body("error.code", is("payload_too_large"));
        patch(user, chatId, replyId, checkpoint("x".repeat(50_000))).then().statusCode(201);
        var cut = finish("error", "x".repeat(99_998) + "🎉");
        cut.put("error", Map.of("code", "reply_too_long", "message", "the reply reached the 100000 character limit"));
        patch(user, chatId, replyId, cut).then().statusCode(200);
        as(user).get("/chats/{c}/messages/{m}", chatId, replyId).then()
                .body("status", is("error")).body("content.length()", is(100_000))
                .body("error.code", is("reply_too_long"));
        var other = newId();
        patch(user, chatId, other, checkpoint("")).then().statusCode(201);
        patch(user, chatId, other, finish("complete", "y".repeat(100_001))).then().statusCode(413);
        as(user).get("/chats/{c}/messages/{m}", chatId, other).then().body("status", is("streaming"));
    }

    static io.restassured.response.Response patch(String user, String chatId, String messageId, Map<String, ?> body) {
        return as(user).body(body).patch("/chats/{c}/messages/{m}", chatId, messageId);
    }

    static Map<String, Object> checkpoint(String content) {
        return new HashMap<>(Map.of("content", content, "status", "streaming"));
    }

    static Map<String, Object> finish(String status, String content) {
        return new HashMap<>(Map.of("content", content, "status", status));
    }

    static String chatWithQuestion(String user) {
        var chatId = newId();
        putMessage(user, chatId, newId(), "user", "Tell me a story");
        return chatId;
    }

    private double checkpoints(String outcome) {
        var counter = registry.find("z3chat.messages.checkpoints").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
