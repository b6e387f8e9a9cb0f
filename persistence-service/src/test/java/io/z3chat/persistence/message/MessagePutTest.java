package io.z3chat.persistence.message;

import com.mongodb.client.MongoClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.z3chat.persistence.support.Store;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

import static io.z3chat.persistence.support.Api.as;
import static io.z3chat.persistence.support.Api.createChat;
import static io.z3chat.persistence.support.Api.newId;
import static io.z3chat.persistence.support.Api.newUser;
import static io.z3chat.persistence.support.Api.putMessage;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class MessagePutTest {

    @Inject
    MongoClient mongo;

    @Inject
    MeterRegistry registry;

    @Test
    void firstMessageCreatesTheChatWithAnAutomaticTitleFromItsFirstWords() {
        var user = newUser();
        var chatId = newId();
        var messageId = newId();
        as(user).body(Map.of("role", "user", "content", "  How do I\n center a div in CSS with flexbox and grid today?",
                        "model", "openai/gpt-4o"))
                .put("/chats/{c}/messages/{m}", chatId, messageId).then().statusCode(201)
                .body("id", is(messageId)).body("chatId", is(chatId)).body("role", is("user"))
                .body("status", is("complete")).body("model", is("openai/gpt-4o"));
        as(user).get("/chats/{id}", chatId).then().statusCode(200)
                .body("title", is("How do I center a div in CSS…")).body("titleSource", is("auto"))
                .body("messageCount", is(1)).body("model", is("openai/gpt-4o"))
                .body("lastMessage", is("How do I center a div in CSS with flexbox and grid today?"));
    }

    @Test
    void firstMessageGivesAnUntitledChatItsAutomaticTitleButKeepsAUserTitle() {
        var user = newUser();
        var untitled = createChat(user);
        putMessage(user, untitled, newId(), "user", "Plan a picnic");
        as(user).get("/chats/{id}", untitled).then().body("title", is("Plan a picnic")).body("titleSource", is("auto"));

        String titled = as(user).body(Map.of("title", "Mine")).post("/chats").path("id");
        putMessage(user, titled, newId(), "user", "Plan a picnic");
        as(user).get("/chats/{id}", titled).then().body("title", is("Mine")).body("messageCount", is(1));
    }

    @Test
    void puttingTheSameMessageTwiceStoresItOnce() {
        var user = newUser();
        var chatId = newId();
        var messageId = newId();
        var body = Map.of("role", "user", "content", "hello");
        String timestamp = as(user).body(body).put("/chats/{c}/messages/{m}", chatId, messageId)
                .then().statusCode(201).extract().path("timestamp");
        as(user).body(body).put("/chats/{c}/messages/{m}", chatId, messageId)
                .then().statusCode(200).body("timestamp", is(timestamp)).body("content", is("hello"));
        as(user).get("/chats/{id}", chatId).then().body("messageCount", is(1));
        as(user).get("/chats/{id}/messages", chatId).then().body("messages.size()", is(1));
    }

    @Test
    void puttingChangedContentReplacesItAndThePreview() {
        var user = newUser();
        var chatId = newId();
        var messageId = newId();
        putMessage(user, chatId, messageId, "user", "first draft");
        as(user).body(Map.of("role", "user", "content", "final text")).put("/chats/{c}/messages/{m}", chatId, messageId)
                .then().statusCode(200).body("content", is("final text"));
        as(user).get("/chats/{c}/messages/{m}", chatId, messageId).then().body("content", is("final text"));
        as(user).get("/chats/{id}", chatId).then().body("lastMessage", is("final text")).body("messageCount", is(1));
    }

    @Test
    void replacingAnOlderMessageLeavesThePreviewOnTheNewest() {
        var user = newUser();
        var chatId = newId();
        var older = newId();
        putMessage(user, chatId, older, "user", "older");
        putMessage(user, chatId, newId(), "assistant", "newest");
        as(user).body(Map.of("role", "user", "content", "older, edited")).put("/chats/{c}/messages/{m}", chatId, older)
                .then().statusCode(200);
        as(user).get("/chats/{id}", chatId).then().body("lastMessage", is("newest")).body("messageCount", is(2));
    }

    @Test
    void puttingAMessageIdOfAnotherChatOfTheSameUserIsConflict() {
        var user = newUser();
        var messageId = newId();
        putMessage(user, newId(), messageId, "user", "here");
        var other = newId();
        putMessage(user, other, newId(), "user", "elsewhere");
        as(user).body(Map.of("role", "user", "content", "moved")).put("/chats/{c}/messages/{m}", other, messageId)
                .then().statusCode(409).body("error.code", is("conflict"));
        as(user).get("/chats/{id}", other).then().body("messageCount", is(1));
    }

    @Test
    void messagesAreStampedInTheOrderTheyArrive() {
        var user = newUser();
        var chatId = newId();
        var stamps = new ArrayList<Instant>();
        for (int i = 0; i < 6; i++) {
            stamps.add(Instant.parse(as(user).body(Map.of("role", "user", "content", "m" + i))
                    .put("/chats/{c}/messages/{m}", chatId, newId()).then().statusCode(201).extract().path("timestamp")));
        }
        for (int i = 1; i < stamps.size(); i++) {
            assertTrue(stamps.get(i).isAfter(stamps.get(i - 1)), "strictly after the previous message: " + stamps);
        }
    }

    @Test
    void concurrentMessagesKeepCountPreviewAndOrderRight() {
        var user = newUser();
        var chatId = createChat(user);
        var pool = Executors.newFixedThreadPool(8);
        try {
            var puts = new ArrayList<CompletableFuture<Integer>>();
            for (int i = 0; i < 24; i++) {
                var content = "parallel " + i;
                puts.add(CompletableFuture.supplyAsync(() -> as(user).body(Map.of("role", "user", "content", content))
                        .put("/chats/{c}/messages/{m}", chatId, newId()).statusCode(), pool));
            }
            puts.forEach(put -> assertEquals(201, put.join()));
        } finally {
            pool.shutdownNow();
        }
        var page = as(user).queryParam("limit", 200).get("/chats/{id}/messages", chatId).jsonPath();
        List<String> stamps = page.getList("messages.timestamp");
        assertEquals(24, stamps.size());
        assertEquals(24, stamps.stream().distinct().count(), "no two messages share a timestamp");
        as(user).get("/chats/{id}", chatId).then().body("messageCount", is(24))
                .body("lastMessage", is(page.getString("messages[23].content")))
                .body("updatedAt", is(stamps.get(23)));
    }

    @Test
    void concurrentPutsOfOneNewIdStoreItOnceAndCountItOnce() {
        var user = newUser();
        var chatId = createChat(user);
        var messageId = newId();
        var pool = Executors.newFixedThreadPool(8);
        try {
            var puts = new ArrayList<CompletableFuture<Integer>>();
            for (int i = 0; i < 16; i++) {
                puts.add(CompletableFuture.supplyAsync(() -> as(user).body(Map.of("role", "user", "content", "once"))
                        .put("/chats/{c}/messages/{m}", chatId, messageId).statusCode(), pool));
            }
            var statuses = puts.stream().map(CompletableFuture::join).toList();
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(15, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        as(user).get("/chats/{id}", chatId).then().body("messageCount", is(1)).body("lastMessage", is("once"));
        as(user).get("/chats/{id}/messages", chatId).then().body("messages.id", is(List.of(messageId)));
    }

    @Test
    void thePreviewIsOneLineOfAtMost200Characters() {
        var user = newUser();
        var chatId = newId();
        putMessage(user, chatId, newId(), "user", "line one\n\nline two " + "x".repeat(400));
        String preview = as(user).get("/chats/{id}", chatId).path("lastMessage");
        assertEquals(200, preview.length());
        assertTrue(preview.startsWith("line one line two xxx"), preview);
    }

    @Test
    void storedMessagesAreCountedInAMetric() {
        var user = newUser();
        double before = stored("assistant");
        putMessage(user, newId(), newId(), "assistant", "counted");
        assertEquals(before + 1, stored("assistant"));
    }

    @Test
    void aMessageCanBeReadByIdAndAnUnknownOneIs404() {
        var user = newUser();
        var chatId = newId();
        var messageId = newId();
        putMessage(user, chatId, messageId, "system", "be brief");
        as(user).get("/chats/{c}/messages/{m}", chatId, messageId).then().statusCode(200)
                .body("role", is("system")).body("content", is("be brief")).body("chatId", is(chatId));
        as(user).get("/chats/{c}/messages/{m}", chatId, newId()).then().statusCode(404).body("error.code", is("not_found"));
        assertEquals("be brief", Store.message(mongo, messageId).getString("content"));
    }

    private double stored(String role) {
        var counter = registry.find("z3chat.messages.stored").tag("role", role).counter();
        return counter == null ? 0 : counter.count();
    }
}
