package io.z3chat.persistence.transfer;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import io.z3chat.persistence.support.Api;
import io.z3chat.persistence.support.Store;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static io.z3chat.persistence.support.Api.as;
import static io.z3chat.persistence.support.Api.newId;
import static io.z3chat.persistence.support.Api.newUser;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Imports keep the whole tree of the exports that have one, the source's visible branch selected; a z3chat
 * export of a chat with versions carries the tree and comes back as it was.
 */
@QuarkusTest
class BranchedImportTest {

    @Inject
    MongoClient mongo;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // file, the conversation with versions, its visible messages, its other versions, places with versions
            "chatgpt-librechat-tree.json,                 0, 6, 5, 2",
            "librechat-librechat-tree.json,               0, 4, 5, 2",
            "librechat-librechat-opts-nonr-branches.json, 0, 2, 3, 2",
            "openwebui-chatanalyzer-sample-chats.json,    0, 2, 1, 1",
            "claude-chatlore-conversations.json,          0, 3, 1, 1"})
    void theWholeTreeIsStoredWithTheVisibleBranchSelected(String file, int conversation, int visible, int other,
                                                         int forks) {
        var user = newUser();
        var report = ImportTest.upload(user, ImportTest.fixture(file)).then().statusCode(200).extract().jsonPath();
        var chatId = chatIdWithVersions(user, report);
        var page = as(user).queryParam("limit", 200).get("/chats/{id}/messages", chatId).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(visible, page.getList("messages").size(), page.prettify());
        assertEquals(visible + other, page.getInt("chat.messageCount"));

        // Switch to every version the pages point at: every stored message is on some path.
        var seen = new HashSet<String>(page.getList("messages.id"));
        var pending = new ArrayList<String>(versionsOn(page));
        var visited = new HashSet<String>();
        while (!pending.isEmpty()) {
            var target = pending.remove(0);
            if (!visited.add(target)) {
                continue;
            }
            var selected = as(user).queryParam("limit", 200).body(Map.of("messageId", target))
                    .put("/chats/{c}/selection", chatId).then().statusCode(200).extract().jsonPath();
            seen.addAll(selected.getList("messages.id"));
            pending.addAll(versionsOn(selected));
        }
        assertEquals(visible + other, seen.size(), "every version is on some path");
        assertEquals(forks, Store.branches(mongo).countDocuments(Filters.eq("chatId", chatId)), "version lines");
    }

    private static List<String> versionsOn(JsonPath page) {
        var ids = new ArrayList<String>();
        for (Map<String, Object> m : page.<Map<String, Object>>getList("messages")) {
            for (var key : List.of("previousVersionId", "nextVersionId")) {
                if (m.get(key) instanceof String id) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }

    private static String chatIdWithVersions(String user, JsonPath report) {
        for (int i = 0; i < report.getInt("importedCount"); i++) {
            var chatId = report.getString("imported[" + i + "].chatId");
            var page = as(user).queryParam("limit", 200).get("/chats/{id}/messages", chatId).then().extract().jsonPath();
            if (page.getInt("chat.messageCount") > page.getList("messages").size()) {
                return chatId;
            }
        }
        throw new AssertionError("no conversation with versions: " + report.prettify());
    }

    @Test
    void aZ3chatExportOfAChatWithVersionsCarriesTheTreeAndComesBackWithTheSamePathSelected() {
        var user = newUser();
        var chatId = newId();
        var ids = List.of(newId(), newId(), newId(), newId());
        Api.putMessage(user, chatId, ids.get(0), "user", "What is a tree?");
        Api.putMessage(user, chatId, ids.get(1), "assistant", "A graph without cycles.");
        Api.putMessage(user, chatId, ids.get(2), "user", "And a forest?");
        Api.putMessage(user, chatId, ids.get(3), "assistant", "Several trees.");
        var edit = newId();
        as(user).body(Map.of("id", edit, "content", "And a grove?")).post("/chats/{c}/messages/{m}/versions", chatId, ids.get(2))
                .then().statusCode(201);
        var reply = newId();
        as(user).body(Map.of("content", "A small wood.", "status", "complete")).patch("/chats/{c}/messages/{m}", chatId, reply)
                .then().statusCode(201);
        var again = newId();
        as(user).body(Map.of("id", again)).post("/chats/{c}/messages/{m}/versions", chatId, ids.get(1)).then().statusCode(201);
        as(user).body(Map.of("content", "A connected acyclic graph.", "status", "complete"))
                .patch("/chats/{c}/messages/{m}", chatId, again).then().statusCode(200);
        // Show the edited branch again.
        as(user).body(Map.of("messageId", reply)).put("/chats/{c}/selection", chatId).then().statusCode(200);

        var exported = as(user).get("/chats/{id}/export", chatId).then().statusCode(200).extract().asString();
        var chat = JsonPath.from(exported);
        assertEquals(reply, chat.getString("chats[0].currentMessageId"));
        var parents = new HashMap<String, String>();
        for (Map<String, Object> m : chat.<Map<String, Object>>getList("chats[0].messages")) {
            parents.put((String) m.get("id"), (String) m.get("parentId"));
        }
        var expected = new HashMap<String, String>();
        expected.put(ids.get(0), null);
        expected.put(ids.get(1), ids.get(0));
        expected.put(ids.get(2), ids.get(1));
        expected.put(ids.get(3), ids.get(2));
        expected.put(edit, ids.get(1));
        expected.put(reply, edit);
        expected.put(again, ids.get(0));
        assertEquals(expected, parents);

        var markdown = as(user).queryParam("format", "markdown").get("/chats/{id}/export", chatId).then().statusCode(200)
                .extract().asString();
        assertTrue(markdown.contains("And a grove?") && markdown.contains("A small wood."), markdown);
        assertTrue(!markdown.contains("And a forest?") && !markdown.contains("acyclic"), "only the selected path: " + markdown);
        assertTrue(markdown.contains("- Messages: 7 (in all versions; this file shows the selected one)\n"), markdown);
        assertEquals(4, markdown.split("\n---\n", -1).length - 1, "four messages on the path: " + markdown);

        as(user).delete("/chats/{id}", chatId).then().statusCode(204);
        var report = ImportTest.upload(user, exported.getBytes(StandardCharsets.UTF_8)).then().statusCode(200)
                .body("importedCount", is(1)).body("imported[0].messageCount", is(7)).extract().jsonPath();
        var copy = report.getString("imported[0].chatId");
        var page = as(user).get("/chats/{id}/messages", copy).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("What is a tree?", "A graph without cycles.", "And a grove?", "A small wood."),
                page.getList("messages.content"));
        assertEquals(2, page.getInt("messages[2].versions"));
        assertEquals(2, page.getInt("messages[1].versions"));
        // The other reply version is there, with its own path.
        var otherId = page.getString("messages[1].nextVersionId") != null ? page.getString("messages[1].nextVersionId")
                : page.getString("messages[1].previousVersionId");
        as(user).body(Map.of("messageId", otherId)).put("/chats/{c}/selection", copy).then().statusCode(200)
                .body("messages.content", is(List.of("What is a tree?", "A connected acyclic graph.")));
    }
}
