package io.z3chat.persistence.store;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.z3chat.persistence.support.Api.as;
import static io.z3chat.persistence.support.Api.createChat;
import static io.z3chat.persistence.support.Api.newId;
import static io.z3chat.persistence.support.Api.newUser;
import static io.z3chat.persistence.support.Api.putMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The store calls between a send and the model (SPEC 9: one store write stands there): the user message's PUT,
 * and the reply's first checkpoint that goes out beside the upstream request. Each call is a round trip to the
 * store, so these lists are the send path's cost on any store; the guarantees they keep (idempotent on the id,
 * scoped to the user, counted against the limit exactly once) are tested in the message and rate limit tests.
 */
@QuarkusTest
class SendPathStoreCallsTest {

    private static final Set<String> COLLECTIONS = Set.of(IndexCatalog.CHATS, IndexCatalog.MESSAGES,
            IndexCatalog.RATE_WINDOWS, IndexCatalog.BRANCHES);

    @Inject
    RecordingCommandListener recorder;

    @Test
    void aNewUserMessageInAChatIsFourStoreCallsTheIdCheckTheLimitTheStampWithItsCountAndTheInsert() {
        var user = newUser();
        var chatId = createChat(user);
        putMessage(user, chatId, newId(), "user", "an earlier question");

        recorder.start();
        putMessage(user, chatId, newId(), "user", "What is an index?");
        var calls = calls(recorder.stop());

        assertEquals(List.of("find messages", "update rate_windows", "findAndModify chats", "insert messages"),
                calls);
    }

    @Test
    void theFirstMessageOfANewChatAlsoCreatesTheChat() {
        var user = newUser();

        recorder.start();
        putMessage(user, newId(), newId(), "user", "What is an index?");
        var calls = calls(recorder.stop());

        assertEquals(List.of("find messages", "update rate_windows", "findAndModify chats", "insert chats",
                "findAndModify chats", "insert messages"), calls);
    }

    @Test
    void aReplayedMessageIsReadNotWrittenNorCounted() {
        var user = newUser();
        var chatId = createChat(user);
        var messageId = newId();
        putMessage(user, chatId, messageId, "user", "What is an index?");

        recorder.start();
        as(user).body(Map.of("role", "user", "content", "What is an index?"))
                .put("/chats/{c}/messages/{m}", chatId, messageId).then().statusCode(200);
        var calls = calls(recorder.stop());

        assertEquals(List.of("find messages", "find chats"), calls);
    }

    @Test
    void aReplysFirstCheckpointIsTheChatTheIdCheckTheStampAndTheInsert() {
        var user = newUser();
        var chatId = createChat(user);
        putMessage(user, chatId, newId(), "user", "What is an index?");

        recorder.start();
        as(user).body(Map.of("content", "", "status", "streaming", "generationId", "gen_" + newId()))
                .patch("/chats/{c}/messages/{m}", chatId, newId()).then().statusCode(201);
        var calls = calls(recorder.stop());

        assertEquals(List.of("find chats", "find messages", "findAndModify chats", "insert messages"), calls);
    }

    /** The service's calls on its collections, as "command collection", without the sweeper's background tick. */
    private static List<String> calls(List<BsonDocument> commands) {
        return commands.stream()
                .filter(c -> c.get(c.getFirstKey()).isString()
                        && COLLECTIONS.contains(c.getString(c.getFirstKey()).getValue()))
                .filter(c -> QueryShape.of(c).stream().noneMatch(s -> s.equality().equals(Set.of("status"))))
                .map(c -> c.getFirstKey() + " " + c.getString(c.getFirstKey()).getValue())
                .toList();
    }
}
