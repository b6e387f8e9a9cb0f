package io.z3chat.persistence.transfer;

import com.mongodb.client.MongoClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.z3chat.persistence.support.Store;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.z3chat.persistence.support.Api.as;
import static io.z3chat.persistence.support.Api.newId;
import static io.z3chat.persistence.support.Api.newUser;
import static io.z3chat.persistence.support.Api.putMessage;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ExportTest {

    private static final String CODE_REPLY = "Here you go:\n\n```python\ndef add(a, b):\n    return a + b\n```\n\nDone.";

    @Inject
    MongoClient mongo;

    @Test
    void oneChatAsMarkdownKeepsCodeBlocksAndNamesRoleModelAndTime() {
        var user = newUser();
        var chat = newId();
        putMessage(user, chat, newId(), "user", "Write add() in Python");
        reply(user, chat, CODE_REPLY, "complete");
        reply(user, chat, "Unclosed:\n```js\nconsole.log(1)", "interrupted");
        putMessage(user, chat, newId(), "user", "# not a heading of ours");
        as(user).body(Map.of("title", "Python: add() — sums!")).put("/chats/{id}", chat).then().statusCode(200);

        var markdown = as(user).queryParam("format", "markdown").get("/chats/{id}/export", chat).then().statusCode(200)
                .header("Content-Type", startsWith("text/markdown"))
                .header("Content-Disposition", is("attachment; filename=\"python-add-sums.md\""))
                .extract().asString();

        assertTrue(markdown.startsWith("# Python: add() — sums!\n\n- Created: "), markdown);
        assertTrue(markdown.contains("- Messages: 4\n- Model: openai/gpt-4o\n"), markdown);
        assertTrue(markdown.matches("(?s).*### User · \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\n\nWrite add\\(\\) in Python\n.*"), markdown);
        assertTrue(markdown.contains("### Assistant · openai/gpt-4o · "), markdown);
        assertTrue(markdown.contains("\n\n" + CODE_REPLY + "\n"), "the code block is intact");
        assertTrue(markdown.contains("_interrupted_\n\nUnclosed:\n```js\nconsole.log(1)\n```\n\n---"), "an open fence is closed");
        assertTrue(markdown.endsWith("# not a heading of ours\n"), markdown);
    }

    @Test
    void oneChatAsZ3chatJson() {
        var user = newUser();
        var chat = newId();
        var question = newId();
        putMessage(user, chat, question, "user", "Write add() in Python");
        as(user).body(Map.of("content", CODE_REPLY, "status", "complete", "model", "openai/gpt-4o", "provider", "OpenAI",
                        "usage", Map.of("promptTokens", 10, "completionTokens", 20, "totalTokens", 30),
                        "timing", Map.of("ttftMs", 120, "durationMs", 900, "tokensPerSecond", 22.2)))
                .patch("/chats/{c}/messages/{m}", chat, newId()).then().statusCode(201);

        var json = as(user).get("/chats/{id}/export", chat).then().statusCode(200)
                .header("Content-Type", startsWith("application/json"))
                .header("Content-Disposition", containsString(".json\""))
                .extract().asString();
        assertTrue(json.startsWith("{\"format\":\"z3chat.export\",\"version\":1,\"exportedAt\":\""), json);
        var doc = JsonPath.from(json);
        assertEquals(1, doc.getList("chats").size());
        assertEquals(chat, doc.getString("chats[0].id"));
        assertEquals(2, doc.getInt("chats[0].messageCount"));
        assertEquals(question, doc.getString("chats[0].messages[0].id"));
        assertEquals(CODE_REPLY, doc.getString("chats[0].messages[1].content"));
        assertEquals("OpenAI", doc.getString("chats[0].messages[1].provider"));
        assertEquals(30, doc.getInt("chats[0].messages[1].usage.totalTokens"));
        assertEquals(120, doc.getInt("chats[0].messages[1].timing.ttftMs"));
        assertFalse(json.contains(user), "the owner's email is not in the file");
        assertFalse(json.contains("contentLength") || json.contains("userEmail") || json.contains("lastMessageId"), json);
        as(user).queryParam("format", "json").get("/chats/{id}/export", chat).then().statusCode(200);
    }

    @Test
    void everyLiveChatWithAllItsMessagesAcrossPageBoundaries() {
        var user = newUser();
        var other = newUser();
        var base = Instant.parse("2025-01-01T00:00:00Z");
        // More chats than one chat page, and one chat with more messages than one message page.
        int chats = AllChats.CHAT_PAGE + 3;
        var chatIds = IntStream.range(0, chats).mapToObj(i -> "bulk" + i + "-" + newId()).toList();
        for (var id : chatIds) {
            Store.insertChat(mongo, user, id, "chat " + id, base, 2);
            Store.insertMessages(mongo, user, id, base, List.of(id + "-q", id + "-a"));
        }
        var big = chatIds.get(chats / 2);
        var bigIds = IntStream.range(0, AllChats.MESSAGE_PAGE + 10).mapToObj(i -> big + String.format("-m%04d", i)).toList();
        Store.insertMessages(mongo, user, big, base.plusSeconds(60), bigIds);
        var deleted = newId();
        putMessage(user, deleted, newId(), "user", "deleted chat text");
        as(user).delete("/chats/{id}", deleted).then().statusCode(204);
        putMessage(other, newId(), newId(), "user", "another user's text");
        var live = newId();
        putMessage(user, live, newId(), "user", "a chat made through the API");

        var json = as(user).get("/export").then().statusCode(200)
                .header("Content-Disposition", containsString("z3chat-export-")).extract().asString();
        var doc = JsonPath.from(json);
        assertEquals("z3chat.export", doc.getString("format"));
        List<String> exported = doc.getList("chats.id");
        var expected = new ArrayList<>(chatIds);
        expected.add(live);
        assertEquals(expected.stream().sorted(java.util.Comparator.reverseOrder()).toList(), exported);
        for (int i = 0; i < exported.size(); i++) {
            List<String> messageIds = doc.getList("chats[" + i + "].messages.id");
            var id = exported.get(i);
            if (id.equals(big)) {
                var all = new ArrayList<>(List.of(id + "-a", id + "-q"));
                all.addAll(bigIds);
                assertEquals(all.stream().sorted().toList(), messageIds.stream().sorted().toList());
                assertEquals(bigIds, messageIds.subList(2, messageIds.size()), "oldest first, in order");
            } else if (!id.equals(live)) {
                assertEquals(List.of(id + "-a", id + "-q"), messageIds, "equal times: by id");
            }
        }
        assertFalse(json.contains("deleted chat text") || json.contains("another user's text"));
    }

    @Test
    void aUserWithoutChatsExportsAnEmptyList() {
        as(newUser()).get("/export").then().statusCode(200).body("chats.size()", is(0)).body("version", is(1));
    }

    @Test
    void anUnknownFormatIsAClearErrorAndAnotherUsersChatIsNotFound() {
        var user = newUser();
        var chat = newId();
        putMessage(user, chat, newId(), "user", "hi");
        as(user).queryParam("format", "pdf").get("/chats/{id}/export", chat).then().statusCode(400)
                .body("error.message", containsString("markdown or json"));
        as(newUser()).get("/chats/{id}/export", chat).then().statusCode(404);
        as(user).get("/chats/{id}/export", "bad id!").then().statusCode(400);
    }

    private static void reply(String user, String chat, String content, String status) {
        as(user).body(Map.of("content", content, "status", status, "model", "openai/gpt-4o"))
                .patch("/chats/{c}/messages/{m}", chat, newId()).then().statusCode(201);
    }
}
