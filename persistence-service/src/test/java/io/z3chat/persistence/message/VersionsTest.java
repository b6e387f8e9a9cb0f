package io.z3chat.persistence.message;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.z3chat.persistence.support.Store;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import static io.z3chat.persistence.support.Api.as;
import static io.z3chat.persistence.support.Api.newId;
import static io.z3chat.persistence.support.Api.newUser;
import static io.z3chat.persistence.support.Api.putMessage;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Edit, regenerate and switch: versions kept as a tree, the selected path paged. */
@QuarkusTest
class VersionsTest {

    @Inject
    MongoClient mongo;

    /** A chat of two exchanges: ids [u1, r1, u2, r2]. */
    private static List<String> twoExchanges(String user, String chatId) {
        var ids = List.of(newId(), newId(), newId(), newId());
        putMessage(user, chatId, ids.get(0), "user", "What is a tree?");
        putMessage(user, chatId, ids.get(1), "assistant", "A graph without cycles.");
        putMessage(user, chatId, ids.get(2), "user", "And a forest?");
        putMessage(user, chatId, ids.get(3), "assistant", "Several trees.");
        return ids;
    }

    private static Response version(String user, String chatId, String of, Map<String, Object> body) {
        return as(user).body(body).post("/chats/{c}/messages/{m}/versions", chatId, of);
    }

    private static List<String> page(String user, String chatId) {
        return as(user).get("/chats/{c}/messages", chatId).then().statusCode(200).extract().path("messages.id");
    }

    private static Response select(String user, String chatId, String messageId) {
        return as(user).body(Map.of("messageId", messageId)).put("/chats/{c}/selection", chatId);
    }

    @Test
    void aRegeneratedReplyIsANewVersionTheGenerationWritesByIdAndTheOldOneIsKept() {
        var user = newUser();
        var chatId = newId();
        var ids = twoExchanges(user, chatId);
        var again = newId();
        version(user, chatId, ids.get(3), Map.of("id", again, "model", "openai/gpt-4o")).then().statusCode(201)
                .body("role", is("assistant")).body("status", is("streaming")).body("content", is(""))
                .body("version", is(2)).body("versions", is(2)).body("previousVersionId", is(ids.get(3)));
        // llm-proxy writes it like any reply: checkpoints, then the final.
        as(user).body(Map.of("content", "Many", "status", "streaming", "generationId", "gen_" + newId()))
                .patch("/chats/{c}/messages/{m}", chatId, again).then().statusCode(200).body("content", is("Many"));
        as(user).body(Map.of("content", "Many trees.", "status", "complete"))
                .patch("/chats/{c}/messages/{m}", chatId, again).then().statusCode(200).body("status", is("complete"));

        assertEquals(List.of(ids.get(0), ids.get(1), ids.get(2), again), page(user, chatId));
        as(user).get("/chats/{c}/messages", chatId).then()
                .body("messages[0].version", nullValue()).body("messages[2].versions", nullValue())
                .body("messages[3].version", is(2)).body("messages[3].versions", is(2))
                .body("messages[3].previousVersionId", is(ids.get(3))).body("messages[3].nextVersionId", nullValue())
                .body("chat.messageCount", is(5));
        as(user).get("/chats/{c}/messages/{m}", chatId, ids.get(3)).then().statusCode(200).body("content", is("Several trees."));
    }

    @Test
    void anEditIsANewVersionOfTheUserMessageAndTheNextReplyGoesUnderIt() {
        var user = newUser();
        var chatId = newId();
        var ids = twoExchanges(user, chatId);
        var edited = newId();
        version(user, chatId, ids.get(2), Map.of("id", edited, "content", "And a grove?")).then().statusCode(201)
                .body("role", is("user")).body("status", is("complete")).body("version", is(2));
        var reply = newId();
        as(user).body(Map.of("content", "A small wood.", "status", "complete"))
                .patch("/chats/{c}/messages/{m}", chatId, reply).then().statusCode(201);
        assertEquals(List.of(ids.get(0), ids.get(1), edited, reply), page(user, chatId));

        // Back to the first version: the path under it comes back whole.
        select(user, chatId, ids.get(2)).then().statusCode(200)
                .body("messages.id", is(ids)).body("messages[2].version", is(1)).body("messages[2].versions", is(2))
                .body("messages[2].nextVersionId", is(edited));
        assertEquals(ids, page(user, chatId));
        // A send now continues the selected path.
        var more = newId();
        putMessage(user, chatId, more, "user", "Thanks");
        assertEquals(List.of(ids.get(0), ids.get(1), ids.get(2), ids.get(3), more), page(user, chatId));
        select(user, chatId, edited).then().statusCode(200).body("messages.id", is(List.of(ids.get(0), ids.get(1), edited, reply)));
        as(user).get("/chats/{id}", chatId).then().body("messageCount", is(7));
    }

    @Test
    void switchingToAVersionSelectsTheNewestPathUnderIt() {
        var user = newUser();
        var chatId = newId();
        var ids = twoExchanges(user, chatId);
        // Versions of the first reply, each continued; then back to the first reply's original line.
        var second = newId();
        version(user, chatId, ids.get(1), Map.of("id", second)).then().statusCode(201);
        var q2 = newId();
        putMessage(user, chatId, q2, "user", "Go on");
        var third = newId();
        version(user, chatId, ids.get(1), Map.of("id", third)).then().statusCode(201);
        // Under the first message the newest path is the third version's.
        select(user, chatId, ids.get(0)).then().statusCode(200).body("messages.id", is(List.of(ids.get(0), third)))
                .body("messages[1].version", is(3)).body("messages[1].versions", is(3));
        // The second version's path still ends where it was written.
        select(user, chatId, second).then().statusCode(200).body("messages.id", is(List.of(ids.get(0), second, q2)))
                .body("messages[1].previousVersionId", is(ids.get(1))).body("messages[1].nextVersionId", is(third));
        select(user, chatId, ids.get(1)).then().statusCode(200).body("messages.id", is(ids));
    }

    @Test
    void theFirstMessageHasVersionsToo() {
        var user = newUser();
        var chatId = newId();
        var ids = twoExchanges(user, chatId);
        var edited = newId();
        version(user, chatId, ids.get(0), Map.of("id", edited, "content", "What is a heap?")).then().statusCode(201)
                .body("version", is(2)).body("versions", is(2));
        assertEquals(List.of(edited), page(user, chatId));
        select(user, chatId, ids.get(0)).then().statusCode(200).body("messages.id", is(ids))
                .body("messages[0].version", is(1)).body("messages[0].nextVersionId", is(edited));
    }

    @Test
    void aSearchHitInAnotherVersionOpensOnceItsPathIsSelected() {
        var user = newUser();
        var chatId = newId();
        var ids = twoExchanges(user, chatId);
        version(user, chatId, ids.get(2), Map.of("id", newId(), "content", "And a meadow?")).then().statusCode(201);
        String hit = as(user).queryParam("q", "forest").get("/search").then().statusCode(200).extract().path("hits[0].messageId");
        assertEquals(ids.get(2), hit);
        as(user).queryParam("around", hit).get("/chats/{c}/messages", chatId).then().statusCode(409)
                .body("error.code", is("conflict")).body("error.message", containsString("not selected"));
        select(user, chatId, hit).then().statusCode(200).body("messages.id", is(ids));
        as(user).queryParam("around", hit).get("/chats/{c}/messages", chatId).then().statusCode(200);
    }

    @Test
    void aLinearChatReadsAsBeforeAndSelectingInItChangesNothing() {
        var user = newUser();
        var chatId = newId();
        var ids = twoExchanges(user, chatId);
        select(user, chatId, ids.get(1)).then().statusCode(200).body("messages.id", is(ids))
                .body("messages[1].version", nullValue()).body("chat.selectionVersion", is(0));
        assertTrue(!Boolean.TRUE.equals(Store.chat(mongo, chatId).get("branched")), "a linear chat stays linear");
        assertTrue(Store.messages(mongo).find(Filters.and(Filters.eq("chatId", chatId), Filters.exists("branchId")))
                .first() == null, "messages of a linear chat carry no line");
    }

    @Test
    void aRetriedVersionIsStoredOnce() {
        var user = newUser();
        var chatId = newId();
        var ids = twoExchanges(user, chatId);
        var again = newId();
        version(user, chatId, ids.get(3), Map.of("id", again)).then().statusCode(201);
        version(user, chatId, ids.get(3), Map.of("id", again)).then().statusCode(200).body("id", is(again));
        as(user).get("/chats/{id}", chatId).then().body("messageCount", is(5));
        assertEquals(1, Store.branches(mongo).countDocuments(Filters.eq("chatId", chatId)));
    }

    @Test
    void badVersionRequestsAreRefusedAndChangeNothing() {
        var user = newUser();
        var chatId = newId();
        var ids = twoExchanges(user, chatId);
        version(user, chatId, ids.get(2), Map.of("id", newId())).then().statusCode(400)
                .body("error.message", containsString("needs content"));
        version(user, chatId, ids.get(3), Map.of("id", newId(), "content", "made up")).then().statusCode(400)
                .body("error.message", containsString("starts empty"));
        version(user, chatId, newId(), Map.of("id", newId())).then().statusCode(404);
        version(user, chatId, ids.get(3), Map.of("id", "no")).then().statusCode(400);
        version(user, chatId, ids.get(3), Map.of()).then().statusCode(400);
        version(user, chatId, ids.get(3), Map.of("id", ids.get(1))).then().statusCode(409);
        version(newUser(), chatId, ids.get(3), Map.of("id", newId())).then().statusCode(404);
        select(user, chatId, newId()).then().statusCode(404);
        select(newUser(), chatId, ids.get(1)).then().statusCode(404);
        as(user).body(Map.of("messageId", "$gt")).put("/chats/{c}/selection", chatId).then().statusCode(400);
        as(user).body(Map.of("messageId", ids.get(1), "selectionVersion", 7)).put("/chats/{c}/selection", chatId)
                .then().statusCode(409).body("error.code", is("version_conflict"));
        var tooLong = "x".repeat(100_001);
        version(user, chatId, ids.get(2), Map.of("id", newId(), "content", tooLong)).then().statusCode(413);
        assertEquals(ids, page(user, chatId));
        assertEquals(0, Store.branches(mongo).countDocuments(Filters.eq("chatId", chatId)));
        as(user).get("/chats/{id}", chatId).then().body("messageCount", is(4));
    }

    @Test
    void aSwitchConditionalOnTheSelectionLosesToAnEarlierSwitch() {
        var user = newUser();
        var chatId = newId();
        var ids = twoExchanges(user, chatId);
        var again = newId();
        version(user, chatId, ids.get(3), Map.of("id", again)).then().statusCode(201);
        int seen = as(user).get("/chats/{id}", chatId).then().extract().path("selectionVersion");
        as(user).body(Map.of("messageId", ids.get(3), "selectionVersion", seen)).put("/chats/{c}/selection", chatId)
                .then().statusCode(200).body("chat.selectionVersion", is(seen + 1));
        as(user).body(Map.of("messageId", again, "selectionVersion", seen)).put("/chats/{c}/selection", chatId)
                .then().statusCode(409);
        assertEquals(ids, page(user, chatId));
    }

    @Test
    void concurrentRegeneratesAndSwitchesEndInAConsistentTree() throws Exception {
        var user = newUser();
        var chatId = newId();
        var ids = twoExchanges(user, chatId);
        var versions = new ArrayList<String>();
        var calls = new ArrayList<Callable<Integer>>();
        for (int i = 0; i < 12; i++) {
            var id = newId();
            versions.add(id);
            calls.add(() -> version(user, chatId, ids.get(3), Map.of("id", id)).statusCode());
            calls.add(() -> select(user, chatId, ids.get(3)).statusCode());
            calls.add(() -> version(user, chatId, ids.get(2), Map.of("id", newId(), "content", "edit " + id)).statusCode());
        }
        var pool = Executors.newFixedThreadPool(8);
        try {
            for (var result : pool.invokeAll(calls)) {
                int status = result.get();
                assertTrue(status == 201 || status == 200, "status " + status);
            }
        } finally {
            pool.shutdown();
        }
        // No version lost, none without its line or a line without its first message.
        var lines = Store.branches(mongo).find(Filters.eq("chatId", chatId)).into(new ArrayList<>());
        assertEquals(24, lines.size());
        var firsts = new HashSet<String>();
        Store.messages(mongo).find(Filters.and(Filters.eq("chatId", chatId), Filters.exists("branchId")))
                .forEach(m -> firsts.add(m.getString("_id")));
        assertEquals(firsts, new HashSet<>(lines.stream().map(l -> l.getString("_id")).toList()));
        as(user).get("/chats/{id}", chatId).then().body("messageCount", is(28));
        // The selected path is a real path: root to leaf, each message answering the one before.
        var path = as(user).queryParam("limit", 200).get("/chats/{c}/messages", chatId).then().statusCode(200)
                .extract().<List<Map<String, Object>>>path("messages");
        assertEquals(ids.get(0), path.get(0).get("id"));
        assertEquals(ids.get(1), path.get(1).get("id"));
        assertTrue(path.size() == 3 || path.size() == 4, "path " + path);
        var replies = versions.stream().collect(java.util.stream.Collectors.toSet());
        replies.add(ids.get(3));
        // Every version of the reply says 13 versions where it is shown.
        for (var v : versions) {
            select(user, chatId, v).then().statusCode(200).body("messages[3].id", is(v)).body("messages[3].versions", is(13));
        }
        var byParent = new HashMap<String, Integer>();
        lines.forEach(l -> byParent.merge(String.valueOf(l.get("forkAfterId")), 1, Integer::sum));
        assertEquals(Map.of(ids.get(2), 12, ids.get(1), 12), byParent);
        assertTrue(replies.size() == 13);
        assertTrue(lines.stream().allMatch(l -> l.get("mainChildId") != null), lines.toString());
        Document chat = Store.chat(mongo, chatId);
        assertTrue(chat.getLong("selectionVersion") >= 24, chat.toJson());
    }
}
