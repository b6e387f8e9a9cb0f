package io.z3chat.persistence.chat;

import com.mongodb.client.MongoClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.z3chat.persistence.support.Store;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.z3chat.persistence.support.Api.as;
import static io.z3chat.persistence.support.Api.newId;
import static io.z3chat.persistence.support.Api.newUser;
import static io.z3chat.persistence.support.Api.putMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A test with its own Quarkus boot: retention 0 cannot be switched on at run time. */
@QuarkusTest
@TestProfile(ZeroRetentionTest.ZeroRetention.class)
class ZeroRetentionTest {

    public static class ZeroRetention implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("z3chat.chats.retention", "0");
        }
    }

    @Inject
    MongoClient mongo;

    @Test
    void withZeroRetentionDeletePurgesTheChatAndItsMessagesAtOnce() {
        var user = newUser();
        var chatId = newId();
        putMessage(user, chatId, newId(), "user", "forget me");
        putMessage(user, chatId, newId(), "assistant", "forgotten");
        as(user).delete("/chats/{id}", chatId).then().statusCode(204);
        assertNull(Store.chat(mongo, chatId));
        assertEquals(0, Store.messages(mongo).countDocuments(new Document("chatId", chatId)));
        as(user).post("/chats/{id}/restore", chatId).then().statusCode(404);
    }
}
