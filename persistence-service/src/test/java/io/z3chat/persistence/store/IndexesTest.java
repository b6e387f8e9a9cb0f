package io.z3chat.persistence.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import io.quarkus.test.junit.QuarkusTest;
import io.z3chat.persistence.support.Store;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.z3chat.persistence.support.Api.as;
import static io.z3chat.persistence.support.Api.createChat;
import static io.z3chat.persistence.support.Api.newId;
import static io.z3chat.persistence.support.Api.newUser;
import static io.z3chat.persistence.support.Api.putMessage;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class IndexesTest {

    @Inject
    MongoClient mongo;

    @Inject
    IndexInitializer initializer;

    @Test
    void startUpCreatesTheSpecIndexesAndTheHotQueryIndexes() {
        var messages = keysOf("messages");
        var chats = keysOf("chats");
        // SPEC section 2, literally.
        assertTrue(messages.contains(json("{userEmail: 1, chatId: 1, timestamp: -1}")), messages.toString());
        assertTrue(messages.contains(json("{chatId: 1, timestamp: -1}")), messages.toString());
        assertTrue(messages.contains(json("{userEmail: 1, timestamp: -1}")), messages.toString());
        assertTrue(chats.contains(json("{userEmail: 1, deletedAt: 1, updatedAt: -1}")), chats.toString());
        assertTrue(chats.contains(json("{'share.id': 1}")), chats.toString());
        // Everything the catalog declares, and nothing else besides _id.
        for (var index : IndexCatalog.ALL) {
            assertTrue(keysOf(index.collection()).contains(index.keys().toJson()), "missing " + index);
        }
        // each collection's _id index besides the catalog's
        assertEquals(IndexCatalog.ALL.size() + 4,
                messages.size() + chats.size() + keysOf("rate_windows").size() + keysOf("branches").size());
    }

    @Test
    void theShareIdIndexIsUniqueAndLeavesUnsharedChatsOut() {
        var share = indexes("chats").stream().filter(i -> i.get("key", Document.class).containsKey("share.id"))
                .findFirst().orElseThrow();
        assertEquals(true, share.get("unique"));
        assertEquals(true, share.get("sparse"));
    }

    @Test
    void theGenerationIndexHoldsOnlyReplies() {
        var generation = indexes("messages").stream()
                .filter(i -> i.get("key", Document.class).containsKey("generationId")).findFirst().orElseThrow();
        assertEquals(json("{userEmail: 1, generationId: 1}"), generation.get("key", Document.class).toJson());
        var definition = IndexCatalog.ALL.stream().filter(i -> i.keys().containsKey("generationId")).findFirst()
                .orElseThrow();
        assertEquals(Document.parse("{generationId: {$exists: true}}").toJson(),
                definition.options().getPartialFilterExpression().toBsonDocument().toJson());
    }

    @Test
    void rateWindowsHaveOneCounterPerUserAndWindowAndExpire() {
        var counter = indexes("rate_windows").stream()
                .filter(i -> i.get("key", Document.class).containsKey("windowStart")).findFirst().orElseThrow();
        assertEquals(json("{userEmail: 1, windowStart: 1}"), counter.get("key", Document.class).toJson());
        assertEquals(true, counter.get("unique"));
        var expiry = IndexCatalog.ALL.stream().filter(i -> i.keys().containsKey("expiresAt")).findFirst().orElseThrow();
        assertEquals(0L, expiry.options().getExpireAfter(java.util.concurrent.TimeUnit.SECONDS));
    }

    @Test
    void creatingTheIndexesAgainChangesNothing() {
        var before = List.of(indexes("chats"), indexes("messages"), indexes("branches"));
        initializer.ensureIndexes();
        assertEquals(before, List.of(indexes("chats"), indexes("messages"), indexes("branches")));
    }

    @Test
    void manyUnsharedChatsLiveSideBySideUnderTheUniqueShareIndex() {
        var user = newUser();
        var ids = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            ids.add(createChat(user));
        }
        for (int i = 0; i < 3; i++) {
            var chatId = newId();
            putMessage(user, chatId, newId(), "user", "unshared " + i);
            ids.add(chatId);
        }
        as(user).queryParam("limit", 100).get("/chats").then().statusCode(200)
                .body("total", is(6));
        for (var id : ids) {
            assertFalse(Store.chat(mongo, id).containsKey("share"), "an unshared chat stores no share at all");
        }
    }

    @Test
    void twoChatsCannotHoldTheSameShareId() {
        var user = newUser();
        var first = createChat(user);
        var second = createChat(user);
        var shareId = newId() + newId();
        Store.setChatField(mongo, first, "share", new Document("id", shareId));
        var duplicate = assertThrows(MongoWriteException.class,
                () -> Store.setChatField(mongo, second, "share", new Document("id", shareId)));
        assertEquals(ErrorCategory.DUPLICATE_KEY, duplicate.getError().getCategory());
        as(user).get("/chats/{id}", first).then().body("share.id", is(shareId));
    }

    private List<Document> indexes(String collection) {
        return mongo.getDatabase("z3chat").getCollection(collection).listIndexes().into(new ArrayList<>());
    }

    private List<String> keysOf(String collection) {
        // As JSON: index keys are ordered, Document equality is not.
        return indexes(collection).stream().map(i -> i.get("key", Document.class).toJson()).toList();
    }

    private static String json(String keys) {
        return Document.parse(keys).toJson();
    }
}
