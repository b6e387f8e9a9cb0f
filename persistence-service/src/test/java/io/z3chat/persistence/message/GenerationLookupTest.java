package io.z3chat.persistence.message;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.z3chat.persistence.message.ReplyTest.chatWithQuestion;
import static io.z3chat.persistence.message.ReplyTest.checkpoint;
import static io.z3chat.persistence.message.ReplyTest.patch;
import static io.z3chat.persistence.support.Api.as;
import static io.z3chat.persistence.support.Api.newId;
import static io.z3chat.persistence.support.Api.newUser;
import static io.z3chat.persistence.support.Api.putMessage;
import static org.hamcrest.Matchers.is;

/** GET /chats/{id}/generations/{generationId}: how resume and cancel find a reply, however old. */
@QuarkusTest
class GenerationLookupTest {

    @Test
    void aGenerationsReplyIsFoundBehindManyNewerMessages() {
        var user = newUser();
        var chatId = chatWithQuestion(user);
        var replyId = newId();
        var generationId = "gen_" + newId();
        var body = checkpoint("Still writing");
        body.put("generationId", generationId);
        body.put("generationOwner", "http://10.0.0.9:8082");
        patch(user, chatId, replyId, body).then().statusCode(201);
        for (int i = 0; i < 25; i++) {
            putMessage(user, chatId, newId(), "user", "later message " + i);
        }
        as(user).get("/chats/{c}/generations/{g}", chatId, generationId).then().statusCode(200)
                .body("id", is(replyId)).body("status", is("streaming")).body("content", is("Still writing"))
                .body("generationOwner", is("http://10.0.0.9:8082"));
    }

    @Test
    void aGenerationIsFoundOnlyInItsOwnChat() {
        var user = newUser();
        var chatId = chatWithQuestion(user);
        var otherChat = chatWithQuestion(user);
        var generationId = "gen_" + newId();
        patch(user, chatId, newId(), Map.of("content", "done", "status", "complete", "generationId", generationId))
                .then().statusCode(201);
        as(user).get("/chats/{c}/generations/{g}", otherChat, generationId).then().statusCode(404)
                .body("error.code", is("not_found"));
        as(user).get("/chats/{c}/generations/{g}", chatId, "gen_" + newId()).then().statusCode(404);
        as(user).get("/chats/{c}/generations/{g}", chatId, "bad id!").then().statusCode(400)
                .body("error.code", is("invalid_request"));
        as(user).get("/chats/{c}/generations/{g}", chatId, generationId).then().statusCode(200)
                .body("status", is("complete"));
    }
}
