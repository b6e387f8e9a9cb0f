package io.z3chat.persistence.message;

import com.mongodb.client.MongoClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.z3chat.persistence.support.Store;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;

import static io.z3chat.persistence.support.Api.as;
import static io.z3chat.persistence.support.Api.createChat;
import static io.z3chat.persistence.support.Api.newId;
import static io.z3chat.persistence.support.Api.newUser;
import static io.z3chat.persistence.support.Api.putMessage;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class MessagePagingTest {

    @Inject
    MongoClient mongo;

    @Test
    void anEmptyChatHasAnEmptyNewestPage() {
        var user = newUser();
        var chatId = createChat(user);
        as(user).get("/chats/{id}/messages", chatId).then().statusCode(200)
                .body("chatId", is(chatId)).body("title", is("New chat")).body("chat.id", is(chatId))
                .body("messages", empty()).body("hasMore", is(false)).body("hasNewer", is(false))
                .body("nextCursor", nullValue()).body("newerCursor", nullValue());
    }

    @Test
    void aChatThatFillsExactlyOnePageHasNoOtherPage() {
        var user = newUser();
        var chat = chatWith(user, 5);
        as(user).queryParam("limit", 5).get("/chats/{id}/messages", chat.id).then()
                .body("messages.id", contains(chat.messageIds.toArray())).body("hasMore", is(false))
                .body("hasNewer", is(false)).body("nextCursor", nullValue());
        as(user).queryParam("limit", 4).get("/chats/{id}/messages", chat.id).then()
                .body("messages.id", contains(chat.messageIds.subList(1, 5).toArray()))
                .body("hasMore", is(true)).body("nextCursor", notNullValue());
    }

    @Test
    void pagingBackAndForthVisitsEveryMessageOnceInOrder() {
        var user = newUser();
        var chat = chatWith(user, 7);
        var ids = chat.messageIds;
        var newest = page(user, chat.id, "limit", "3");
        assertEquals(ids.subList(4, 7), newest.getList("messages.id"));
        assertTrue(newest.getBoolean("hasMore"));
        assertFalse(newest.getBoolean("hasNewer"));

        var middle = page(user, chat.id, "limit", "3", "before", newest.getString("nextCursor"));
        assertEquals(ids.subList(1, 4), middle.getList("messages.id"));
        assertTrue(middle.getBoolean("hasMore"));
        assertTrue(middle.getBoolean("hasNewer"));

        var oldest = page(user, chat.id, "limit", "3", "before", middle.getString("nextCursor"));
        assertEquals(ids.subList(0, 1), oldest.getList("messages.id"));
        assertFalse(oldest.getBoolean("hasMore"));
        assertTrue(oldest.getBoolean("hasNewer"));

        var forward = page(user, chat.id, "limit", "3", "after", oldest.getString("newerCursor"));
        assertEquals(ids.subList(1, 4), forward.getList("messages.id"));
        assertTrue(forward.getBoolean("hasNewer"));
        assertTrue(forward.getBoolean("hasMore"));
        var last = page(user, chat.id, "limit", "3", "after", forward.getString("newerCursor"));
        assertEquals(ids.subList(4, 7), last.getList("messages.id"));
        assertFalse(last.getBoolean("hasNewer"));
        assertEquals(null, last.getString("newerCursor"));
    }

    @Test
    void aPageBoundaryInsideEqualTimestampsLosesAndRepeatsNothing() {
        var user = newUser();
        var chatId = createChat(user);
        var ids = IntStream.range(0, 8).mapToObj(i -> "same-" + i + "-" + newId()).toList();
        Store.insertMessages(mongo, user, chatId, Instant.parse("2026-03-01T10:00:00.000Z"), ids);

        var backwards = new ArrayList<String>();
        var page = page(user, chatId, "limit", "3");
        backwards.addAll(0, page.getList("messages.id"));
        while (page.getBoolean("hasMore")) {
            page = page(user, chatId, "limit", "3", "before", page.getString("nextCursor"));
            backwards.addAll(0, page.getList("messages.id"));
        }
        assertEquals(ids, backwards, "ties are ordered by id, each exactly once");

        var forwards = new ArrayList<String>(page.getList("messages.id"));
        while (page.getBoolean("hasNewer")) {
            page = page(user, chatId, "limit", "3", "after", page.getString("newerCursor"));
            forwards.addAll(page.getList("messages.id"));
        }
        assertEquals(ids, forwards);
    }

    @Test
    void aroundCentresThePageOnOneMessage() {
        var user = newUser();
        var chat = chatWith(user, 11);
        var ids = chat.messageIds;
        var middle = page(user, chat.id, "limit", "5", "around", ids.get(5));
        assertEquals(ids.subList(3, 8), middle.getList("messages.id"));
        assertTrue(middle.getBoolean("hasMore"));
        assertTrue(middle.getBoolean("hasNewer"));
        assertEquals(ids.subList(0, 3), page(user, chat.id, "limit", "5", "before", middle.getString("nextCursor"))
                .getList("messages.id"));

        var first = page(user, chat.id, "limit", "5", "around", ids.get(0));
        assertEquals(ids.subList(0, 5), first.getList("messages.id"));
        assertFalse(first.getBoolean("hasMore"));
        assertTrue(first.getBoolean("hasNewer"));

        var last = page(user, chat.id, "limit", "5", "around", ids.get(10));
        assertEquals(ids.subList(6, 11), last.getList("messages.id"));
        assertTrue(last.getBoolean("hasMore"));
        assertFalse(last.getBoolean("hasNewer"));
    }

    @Test
    void theDefaultPageHas50MessagesAndTheLimitGoesUpTo200() {
        var user = newUser();
        var chatId = createChat(user);
        var ids = IntStream.range(0, 205).mapToObj(i -> String.format("bulk-%03d-%s", i, newId())).toList();
        Store.insertMessages(mongo, user, chatId, Instant.parse("2026-03-01T10:00:00.000Z"), ids);
        var byDefault = page(user, chatId);
        assertEquals(ids.subList(155, 205), byDefault.getList("messages.id"));
        assertTrue(byDefault.getBoolean("hasMore"));
        var max = page(user, chatId, "limit", "200");
        assertEquals(ids.subList(5, 205), max.getList("messages.id"));
        assertTrue(max.getBoolean("hasMore"));
        as(user).queryParam("limit", "201").get("/chats/{id}/messages", chatId).then().statusCode(400)
                .body("error.code", is("invalid_request"));
    }

    @Test
    void badLimitsAndCursorsAreRejected() {
        var user = newUser();
        var chat = chatWith(user, 2);
        var encoder = Base64.getUrlEncoder().withoutPadding();
        var badValues = List.of(
                List.of("limit", "0"), List.of("limit", "-5"), List.of("limit", "many"),
                List.of("before", "%%%"), List.of("before", "bm90LWEtY3Vyc29y"),
                List.of("after", encoder.encodeToString("12:bad id".getBytes(StandardCharsets.US_ASCII))),
                List.of("after", encoder.encodeToString("soon:abcdefgh12".getBytes(StandardCharsets.US_ASCII))),
                List.of("before", "A".repeat(500)),
                List.of("around", "bad id"));
        for (var bad : badValues) {
            as(user).queryParam(bad.get(0), bad.get(1)).get("/chats/{id}/messages", chat.id).then()
                    .statusCode(400).body("error.code", is("invalid_request"));
        }
        var cursor = page(user, chat.id, "limit", "1").getString("nextCursor");
        as(user).queryParam("before", cursor).queryParam("after", cursor).get("/chats/{id}/messages", chat.id)
                .then().statusCode(400);
        as(user).queryParam("around", newId()).get("/chats/{id}/messages", chat.id).then().statusCode(404);
    }

    @Test
    void aCursorFromOneChatFindsNothingOfAnotherInThatChat() {
        var user = newUser();
        var first = chatWith(user, 3);
        var second = chatWith(user, 2);
        var cursor = page(user, first.id, "limit", "1").getString("nextCursor");
        as(user).queryParam("before", cursor).get("/chats/{id}/messages", second.id).then()
                .body("messages.id", everyItem(in(second.messageIds)));
    }

    private JsonPath page(String user, String chatId, String... params) {
        var request = as(user);
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam(params[i], params[i + 1]);
        }
        return request.get("/chats/{id}/messages", chatId).then().statusCode(200).extract().jsonPath();
    }

    private record ChatWithMessages(String id, List<String> messageIds) {
    }

    private static ChatWithMessages chatWith(String user, int count) {
        var chatId = newId();
        var ids = new ArrayList<String>();
        for (int i = 0; i < count; i++) {
            var id = newId();
            putMessage(user, chatId, id, i % 2 == 0 ? "user" : "assistant", "message " + i);
            ids.add(id);
        }
        return new ChatWithMessages(chatId, ids);
    }
}
