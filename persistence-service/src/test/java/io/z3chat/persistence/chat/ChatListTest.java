package io.z3chat.persistence.chat;

import com.mongodb.client.MongoClient;
import io.quarkus.test.junit.QuarkusTest;
import io.z3chat.persistence.support.Store;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static io.z3chat.persistence.support.Api.as;
import static io.z3chat.persistence.support.Api.createChat;
import static io.z3chat.persistence.support.Api.newId;
import static io.z3chat.persistence.support.Api.newUser;
import static io.z3chat.persistence.support.Api.putMessage;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class ChatListTest {

    @Inject
    MongoClient mongo;

    @Test
    void newUserHasAnEmptyList() {
        as(newUser()).get("/chats").then().statusCode(200)
                .body("chats", empty()).body("total", is(0)).body("limit", is(20)).body("offset", is(0));
    }

    @Test
    void pinnedChatsComeFirstThenTheMostRecentActivity() {
        var user = newUser();
        var oldest = chatWithMessage(user, "first");
        var middle = chatWithMessage(user, "second");
        var newest = chatWithMessage(user, "third");
        // Pin the activity times down: three requests can share a millisecond.
        var base = Instant.parse("2026-01-01T00:00:00.000Z");
        Store.setChatField(mongo, oldest, "updatedAt", Date.from(base));
        Store.setChatField(mongo, middle, "updatedAt", Date.from(base.plusSeconds(1)));
        Store.setChatField(mongo, newest, "updatedAt", Date.from(base.plusSeconds(2)));
        as(user).body(Map.of("pinned", true)).put("/chats/{id}", oldest).then().statusCode(200);
        as(user).get("/chats").then().body("chats.id", contains(oldest, newest, middle));
        // New activity moves a chat up among the unpinned ones.
        putMessage(user, middle, newId(), "user", "again");
        as(user).get("/chats").then().body("chats.id", contains(oldest, middle, newest));
    }

    @Test
    void chatsWithEqualActivityAreOrderedById() {
        var user = newUser();
        var ids = List.of("tie-c-" + newId(), "tie-a-" + newId(), "tie-b-" + newId());
        var same = Date.from(Instant.parse("2026-01-01T00:00:00.000Z"));
        for (var id : ids) {
            as(user).body(Map.of("id", id)).post("/chats").then().statusCode(201);
            Store.setChatField(mongo, id, "updatedAt", same);
        }
        as(user).get("/chats").then().body("chats.id", contains(ids.stream().sorted().toArray()));
    }

    @Test
    void offsetPagesThroughTheListWithTheTotal() {
        var user = newUser();
        for (int i = 0; i < 5; i++) {
            createChat(user);
        }
        var all = as(user).get("/chats").jsonPath().getList("chats.id");
        as(user).queryParam("limit", 2).queryParam("offset", 2).get("/chats").then()
                .body("chats.id", contains(all.get(2), all.get(3))).body("total", is(5))
                .body("limit", is(2)).body("offset", is(2));
        as(user).queryParam("limit", 2).queryParam("offset", 4).get("/chats").then()
                .body("chats.id", contains(all.get(4))).body("total", is(5));
        as(user).queryParam("offset", 5).get("/chats").then().body("chats", empty()).body("total", is(5));
    }

    @Test
    void titleFilterIsACaseInsensitiveLiteralSubstring() {
        var user = newUser();
        var rust = titled(user, "Rust borrow checker");
        var rustLang = titled(user, "learning rust.lang");
        titled(user, "Python tips");
        var star = titled(user, "a.*b (regex)");
        as(user).queryParam("q", "RUST").get("/chats").then().body("chats.id", containsInAnyOrder(rustLang, rust))
                .body("total", is(2));
        as(user).queryParam("q", ".").get("/chats").then().body("chats.id", containsInAnyOrder(star, rustLang));
        as(user).queryParam("q", ".*b (").get("/chats").then().body("chats.id", contains(star));
        as(user).queryParam("q", "^Python").get("/chats").then().body("chats", empty()).body("total", is(0));
        as(user).queryParam("q", "{\"$gt\":\"\"}").get("/chats").then().body("chats", empty());
    }

    @Test
    void archivedChatsAreListedOnlyWhenAskedFor() {
        var user = newUser();
        var kept = createChat(user);
        var archived = createChat(user);
        as(user).body(Map.of("archived", true)).put("/chats/{id}", archived).then().statusCode(200);
        as(user).get("/chats").then().body("chats.id", contains(kept)).body("total", is(1));
        as(user).queryParam("archived", "true").get("/chats").then().body("chats.id", contains(archived)).body("total", is(1));
    }

    @Test
    void listItemsCarryThePreviewAndCounts() {
        var user = newUser();
        var id = newId();
        as(user).body(Map.of("role", "user", "content", "hello there", "model", "openai/gpt-4o")).put("/chats/{c}/messages/{m}", id, newId())
                .then().statusCode(201);
        as(user).get("/chats").then()
                .body("chats[0].id", is(id)).body("chats[0].title", is("hello there"))
                .body("chats[0].lastMessage", is("hello there")).body("chats[0].messageCount", is(1))
                .body("chats[0].model", is("openai/gpt-4o")).body("chats[0].version", is(1))
                .body("chats[0].titleSource", nullValue());
    }

    @Test
    void badListParametersAreRejected() {
        var user = newUser();
        for (var param : List.of(Map.of("limit", "0"), Map.of("limit", "101"), Map.of("limit", "ten"),
                Map.of("offset", "-1"), Map.of("offset", "10001"), Map.of("archived", "yes"),
                Map.of("q", "x".repeat(201)), Map.of("q", "a\u0000b"))) {
            as(user).queryParams(param).get("/chats").then().statusCode(400).body("error.code", is("invalid_request"));
        }
    }

    private static String chatWithMessage(String user, String text) {
        var id = newId();
        putMessage(user, id, newId(), "user", text);
        return id;
    }

    private static String titled(String user, String title) {
        return as(user).body(Map.of("title", title)).post("/chats").then().statusCode(201).extract().path("id");
    }
}
