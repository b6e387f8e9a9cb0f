package io.z3chat.persistence.store;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.bson.BsonDocument;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.z3chat.persistence.support.Api.as;
import static io.z3chat.persistence.support.Api.newUser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scale proof of the message tree (persistence-service README, "Versions"): a chat of 2,010 messages with
 * 200 places that have versions, its selected path running through all 200 (201 segments, 1,010 messages).
 * A page, a switch and a regenerate each send a bounded number of queries, whatever the chat holds besides the
 * page, and each query (each clause of a path query) is one a declared index serves, with the user in it.
 */
@QuarkusTest
class BranchedChatScaleTest {

    private static final int LINES = 200;
    private static final int PER_LINE = 10;
    private static final int FORK_AT = 4;
    private static final int PAGE = 50;

    @Inject
    RecordingCommandListener recorder;

    @Test
    void aPageASwitchAndARegenerateEachRunAFewIndexedQueriesInAChatOf2000MessagesAnd200BranchPoints() {
        var user = newUser();
        var report = as(user).body(export().getBytes(StandardCharsets.UTF_8)).post("/imports").then().statusCode(200)
                .extract().jsonPath();
        var chatId = report.getString("imported[0].chatId");
        assertEquals(PER_LINE * (LINES + 1), report.getInt("imported[0].messageCount"));
        // Imported ids follow the file's order: the visible line first, then the others as listed.
        var deepPath = new ArrayList<String>();
        for (int line = 0; line <= LINES; line++) {
            int end = line == LINES ? PER_LINE : FORK_AT + 1;
            for (int k = 0; k < end; k++) {
                deepPath.add(id(chatId, line * PER_LINE + k));
            }
        }
        var deepLeaf = deepPath.get(deepPath.size() - 1);

        var figures = new LinkedHashMap<String, String>();
        // Switch to the deepest version: the path through all 200 forks.
        var switched = measure(figures, "switch", () -> as(user).queryParam("limit", PAGE)
                .body(Map.of("messageId", deepLeaf)).put("/chats/{c}/selection", chatId)
                .then().statusCode(200).extract().jsonPath());
        assertEquals(deepPath.subList(deepPath.size() - PAGE, deepPath.size()), switched.getList("messages.id"));

        var newest = measure(figures, "newest page", () -> as(user).queryParam("limit", PAGE)
                .get("/chats/{c}/messages", chatId).then().statusCode(200).extract().jsonPath());
        assertEquals(deepPath.subList(deepPath.size() - PAGE, deepPath.size()), newest.getList("messages.id"));
        // The last fork's first message is version 2 of 2 there; the one before it is the parent line's own.
        int lastFork = deepPath.size() - PER_LINE;
        var atFork = newest.getMap("messages[" + (PAGE - PER_LINE) + "]");
        assertEquals(deepPath.get(lastFork), atFork.get("id"));
        assertEquals(2, atFork.get("version"));
        assertEquals(2, atFork.get("versions"));
        assertEquals(id(chatId, (LINES - 1) * PER_LINE + FORK_AT + 1), atFork.get("previousVersionId"));

        // Every page back in time, the whole 1,010-message path, each page bounded.
        var walked = new ArrayList<String>(newest.getList("messages.id"));
        String cursor = newest.getString("nextCursor");
        int pages = 1;
        while (cursor != null) {
            var before = cursor;
            var older = measure(figures, "page back", () -> as(user).queryParam("limit", PAGE).queryParam("before", before)
                    .get("/chats/{c}/messages", chatId).then().statusCode(200).extract().jsonPath());
            walked.addAll(0, older.getList("messages.id"));
            cursor = older.getBoolean("hasMore") ? older.getString("nextCursor") : null;
            pages++;
        }
        assertEquals(deepPath, walked, "the pages make up the selected path, nothing lost or repeated");
        assertEquals((deepPath.size() + PAGE - 1) / PAGE, pages);

        var regenerated = measure(figures, "regenerate", () -> as(user).body(Map.of("id", "scale-regenerated-1"))
                .post("/chats/{c}/messages/{m}/versions", chatId, deepLeaf).then().statusCode(201).extract().jsonPath());
        assertEquals(2, regenerated.getInt("versions"));
        measure(figures, "checkpoint of the regenerated reply", () -> as(user)
                .body(Map.of("content", "again", "status", "streaming")).patch("/chats/{c}/messages/{m}", chatId,
                        "scale-regenerated-1").then().statusCode(200).extract().jsonPath());

        // Back to the visible line the file showed: the original line's own end.
        var back = measure(figures, "switch back", () -> as(user).queryParam("limit", PAGE)
                .body(Map.of("messageId", id(chatId, PER_LINE - 1))).put("/chats/{c}/selection", chatId)
                .then().statusCode(200).extract().jsonPath());
        assertEquals(id(chatId, PER_LINE - 1), back.getList("messages.id").get(PER_LINE - 1));
        assertEquals(PER_LINE, back.getList("messages").size());

        figures.forEach((operation, figure) -> System.out.println("branch scale: " + operation + ": " + figure));
    }

    /**
     * Runs one request while recording, and holds its queries to the catalog: each served by a listed index,
     * each with the user as an equality (but the listed broadcast that asks whether another user holds a new id),
     * a path query at most page + 2 clauses, and at most 10 queries in all (16 for a regenerate, which stores).
     */
    private JsonPath measure(Map<String, String> figures, String operation, Supplier<JsonPath> request) {
        recorder.start();
        var result = request.get();
        var commands = recorder.stop();
        // The sweeper ticks every second in tests; its background update is no part of the request.
        var queries = commands.stream().filter(c -> !QueryShape.of(c).isEmpty())
                .filter(c -> QueryShape.of(c).stream().noneMatch(s -> s.equality().equals(java.util.Set.of("status"))))
                .toList();
        int clauses = 0;
        int maxClauses = 0;
        for (var command : queries) {
            var shapes = QueryShape.of(command);
            for (var shape : shapes) {
                assertTrue(IndexCoverageTest.served(shape), operation + ": no index serves " + shape);
                var broadcast = shape.collection() + " " + shape.command() + " " + shape.equality() + shape.ranges();
                assertTrue(shape.equality().contains("userEmail") || IndexCoverageTest.BROADCASTS.containsKey(broadcast),
                        operation + ": without the user: " + shape);
            }
            clauses += shapes.size();
            maxClauses = Math.max(maxClauses, shapes.size());
        }
        assertTrue(maxClauses <= PAGE + 2, operation + ": a query of " + maxClauses + " clauses");
        int bound = operation.startsWith("regenerate") ? 16 : 10;
        assertTrue(queries.size() <= bound, operation + ": " + queries.size() + " queries " + names(queries));
        var figure = queries.size() + " queries " + names(queries) + ", " + clauses + " index scans, widest $or "
                + maxClauses + " clauses";
        figures.merge(operation, figure, (a, b) -> a.equals(b) ? a : a + " | " + b);
        return result;
    }

    private static List<String> names(List<BsonDocument> commands) {
        return commands.stream().map(c -> c.getFirstKey() + " " + c.get(c.getFirstKey()).asString().getValue()).toList();
    }

    private static String id(String chatId, int index) {
        return chatId + "-" + String.format("%06d", index);
    }

    /**
     * A z3chat export of one chat: line 0 (the visible one) and 200 more, ten messages each; line i+1 answers the
     * fifth message of line i, whose own sixth message is the first version there. Listed line by line.
     */
    private static String export() {
        var messages = new StringBuilder();
        var start = Instant.parse("2026-01-01T00:00:00Z");
        for (int line = 0; line <= LINES; line++) {
            for (int k = 0; k < PER_LINE; k++) {
                int index = line * PER_LINE + k;
                String parent = k > 0 ? source(index - 1) : line == 0 ? null : source((line - 1) * PER_LINE + FORK_AT);
                int depth = line * (FORK_AT + 1) + k;
                messages.append(messages.length() == 0 ? "" : ",").append("{\"id\":\"").append(source(index)).append('"')
                        .append(parent == null ? "" : ",\"parentId\":\"" + parent + "\"")
                        .append(",\"role\":\"").append(depth % 2 == 0 ? "user" : "assistant")
                        .append("\",\"content\":\"message ").append(index)
                        .append("\",\"timestamp\":\"").append(start.plusSeconds(index)).append("\",\"status\":\"complete\"}");
            }
        }
        return "{\"format\":\"z3chat.export\",\"version\":1,\"chats\":[{\"id\":\"scale-chat-" + System.nanoTime()
                + "\",\"title\":\"Scale\",\"currentMessageId\":\"" + source(PER_LINE - 1) + "\",\"messages\":["
                + messages + "]}]}";
    }

    private static String source(int index) {
        return String.format("scale-msg-%05d", index);
    }
}
