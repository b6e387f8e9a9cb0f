package io.z3chat.persistence.chat;

import com.mongodb.client.MongoClient;
import io.quarkus.test.junit.QuarkusTest;
import io.z3chat.persistence.retention.ChatPurger;
import io.z3chat.persistence.support.Store;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import static io.z3chat.persistence.support.Api.as;
import static io.z3chat.persistence.support.Api.newId;
import static io.z3chat.persistence.support.Api.newUser;
import static io.z3chat.persistence.support.Api.putMessage;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

@QuarkusTest
class ChatDeletionTest {

    private static final Duration PAST_RETENTION = Duration.ofDays(31);

    @Inject
    MongoClient mongo;

    @Inject
    ChatPurger purger;

    @Test
    void deletedChatIsHiddenFromEveryReadAndWriteAtOnce() {
        var user = newUser();
        var chatId = newId();
        var messageId = newId();
        putMessage(user, chatId, messageId, "user", "soon gone");
        as(user).delete("/chats/{id}", chatId).then().statusCode(204);

        as(user).get("/chats/{id}", chatId).then().statusCode(404);
        as(user).get("/chats").then().body("chats", empty()).body("total", is(0));
        as(user).queryParam("archived", "true").get("/chats").then().body("chats", empty());
        as(user).get("/chats/{id}/messages", chatId).then().statusCode(404);
        as(user).get("/chats/{c}/messages/{m}", chatId, messageId).then().statusCode(404);
        as(user).body(Map.of("title", "x")).put("/chats/{id}", chatId).then().statusCode(404);
        as(user).body(Map.of("role", "user", "content", "more")).put("/chats/{c}/messages/{m}", chatId, newId())
                .then().statusCode(404);
        as(user).body(Map.of("content", "late", "status", "complete")).patch("/chats/{c}/messages/{m}", chatId, newId())
                .then().statusCode(404);
        as(user).delete("/chats/{id}", chatId).then().statusCode(404);
        assertEquals(1, Store.chat(mongo, chatId).getInteger("messageCount"));
    }

    @Test
    void deletedChatIsRestorableWithItsMessages() {
        var user = newUser();
        var chatId = newId();
        var messageId = newId();
        putMessage(user, chatId, messageId, "user", "keep me");
        as(user).delete("/chats/{id}", chatId).then().statusCode(204);
        as(user).post("/chats/{id}/restore", chatId).then().statusCode(200)
                .header("ETag", "\"3\"").body("id", is(chatId)).body("messageCount", is(1));
        as(user).get("/chats").then().body("chats.id", contains(chatId));
        as(user).get("/chats/{id}/messages", chatId).then().body("messages.id", contains(messageId));
    }

    @Test
    void restoringAChatThatIsNotDeletedIs404() {
        var user = newUser();
        var chatId = newId();
        putMessage(user, chatId, newId(), "user", "alive");
        as(user).post("/chats/{id}/restore", chatId).then().statusCode(404).body("error.code", is("not_found"));
        as(user).post("/chats/{id}/restore", newId()).then().statusCode(404);
    }

    @Test
    void restoringPastTheRetentionWindowIs404() {
        var user = newUser();
        var chatId = newId();
        putMessage(user, chatId, newId(), "user", "too late");
        as(user).delete("/chats/{id}", chatId).then().statusCode(204);
        Store.setChatField(mongo, chatId, "deletedAt", Date.from(Instant.now().minus(PAST_RETENTION)));
        as(user).post("/chats/{id}/restore", chatId).then().statusCode(404);
    }

    @Test
    void purgeRemovesChatsPastRetentionWithAllTheirMessagesAndNothingElse() {
        var user = newUser();
        var expired = newId();
        var recentlyDeleted = newId();
        var alive = newId();
        for (var chat : new String[]{expired, recentlyDeleted, alive}) {
            putMessage(user, chat, newId(), "user", "one");
            putMessage(user, chat, newId(), "assistant", "two");
        }
        as(user).delete("/chats/{id}", expired).then().statusCode(204);
        as(user).delete("/chats/{id}", recentlyDeleted).then().statusCode(204);
        Store.setChatField(mongo, expired, "deletedAt", Date.from(Instant.now().minus(PAST_RETENTION)));

        purger.purgeExpired();

        assertNull(Store.chat(mongo, expired));
        assertEquals(0, Store.messages(mongo).countDocuments(new Document("chatId", expired)));
        assertNotNull(Store.chat(mongo, recentlyDeleted));
        assertEquals(2, Store.messages(mongo).countDocuments(new Document("chatId", recentlyDeleted)));
        as(user).get("/chats/{id}/messages", alive).then().body("messages", hasSize(2));
        as(user).post("/chats/{id}/restore", recentlyDeleted).then().statusCode(200);
    }

    @Test
    void deleteRevokesTheShareLink() {
        var user = newUser();
        var chatId = newId();
        putMessage(user, chatId, newId(), "user", "shared");
        Store.setChatField(mongo, chatId, "share", new Document("id", newId() + newId()).append("createdAt", new Date()));
        as(user).get("/chats/{id}", chatId).then().body("share.id", notNullValue());
        as(user).delete("/chats/{id}", chatId).then().statusCode(204);
        assertFalse(Store.chat(mongo, chatId).containsKey("share"));
        as(user).post("/chats/{id}/restore", chatId).then().statusCode(200).body("share", nullValue());
    }
}
