package io.z3chat.persistence;

import com.mongodb.client.MongoClient;
import io.quarkus.test.junit.QuarkusTest;
import io.z3chat.persistence.support.Endpoint;
import io.z3chat.persistence.support.StoreSnapshot;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.Map;
import java.util.stream.Stream;

import static io.z3chat.persistence.support.Api.as;
import static io.z3chat.persistence.support.Api.newId;
import static io.z3chat.persistence.support.Api.newUser;
import static io.z3chat.persistence.support.Api.putMessage;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A second user tries every endpoint on the first user's chat and message and finds nothing of them. */
@QuarkusTest
class OwnershipTest {

    private static final String SECRET = "secret plans of the first user";

    @Inject
    MongoClient mongo;

    @TestFactory
    Stream<DynamicTest> everyEndpointHidesAnotherUsersChatAndMessages() {
        var owner = newUser();
        var stranger = newUser();
        var chatId = newId();
        var messageId = newId();
        putMessage(owner, chatId, messageId, "user", SECRET);
        var generationId = "gen_" + newId();
        as(owner).body(Map.of("content", SECRET + " answered", "status", "complete", "generationId", generationId))
                .patch("/chats/{c}/messages/{m}", chatId, newId()).then().statusCode(201);
        as(owner).body("{}").post("/chats/{c}/share", chatId).then().statusCode(201);
        var strangersChat = newId();
        putMessage(stranger, strangersChat, newId(), "user", "my own chat");
        var target = new Endpoint.Target(chatId, messageId, generationId, strangersChat);

        return Endpoint.ALL.stream().map(endpoint -> DynamicTest.dynamicTest(endpoint.name(), () -> {
            var before = StoreSnapshot.of(mongo, owner);
            endpoint.call().apply(as(stranger), target).then()
                    .statusCode(endpoint.strangerStatus())
                    .body(not(containsString(chatId)))
                    .body(not(containsString(messageId)))
                    .body(not(containsString("secret plans")))
                    .body(not(containsString(owner)));
            assertEquals(before, StoreSnapshot.of(mongo, owner), "the owner's data changed");
        }));
    }
}
