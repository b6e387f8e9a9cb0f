package io.z3chat.persistence.search;

import com.mongodb.client.MongoClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.z3chat.persistence.support.Store;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.z3chat.persistence.support.Api.as;
import static io.z3chat.persistence.support.Api.newId;
import static io.z3chat.persistence.support.Api.newUser;
import static io.z3chat.persistence.support.Api.putMessage;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Search end to end on the embedded store, which has no $text: the escaped regular-expression mode. */
@QuarkusTest
class SearchTest {

    @Inject
    MongoClient mongo;

    @Test
    void everyWordMustMatchInAnyOrderWhateverTheCase() {
        var user = newUser();
        var chat = newId();
        var both = say(user, chat, "The Quick brown FOX jumps");
        say(user, chat, "a quick reply without the animal");
        say(user, chat, "fox alone");

        assertEquals(List.of(both), ids(search(user, Map.of("q", "fox quick"))));
        assertEquals(List.of(both), ids(search(user, Map.of("q", "QUICK Fox"))));
        assertEquals(3, ids(search(user, Map.of("q", "o"))).size());
        assertEquals("regex", search(user, Map.of("q", "fox")).getString("mode"));
    }

    @Test
    void aQuotedPhraseMatchesOnlyAsAPhrase() {
        var user = newUser();
        var chat = newId();
        var phrase = say(user, chat, "we need a bigger\n  boat tonight");
        say(user, chat, "the boat is bigger than we need");

        assertEquals(List.of(phrase), ids(search(user, Map.of("q", "\"bigger boat\""))));
        assertEquals(2, ids(search(user, Map.of("q", "bigger boat"))).size());
        // An open quote runs to the end.
        assertEquals(List.of(phrase), ids(search(user, Map.of("q", "tonight \"bigger boat"))));
    }

    @Test
    void regularExpressionCharactersAreSearchedForLiterally() {
        var user = newUser();
        var chat = newId();
        var star = say(user, chat, "glob .* everything");
        var group = say(user, chat, "the pattern (a+)+$ is evil");
        var bracket = say(user, chat, "array[0] and a backslash C:\\temp");
        say(user, chat, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!");
        say(user, chat, "plain words only");

        assertEquals(List.of(star), ids(search(user, Map.of("q", ".*"))));
        assertEquals(List.of(group), ids(search(user, Map.of("q", "(a+)+$"))));
        assertEquals(List.of(bracket), ids(search(user, Map.of("q", "["))));
        assertEquals(List.of(bracket), ids(search(user, Map.of("q", "\\"))));
        assertEquals(List.of(), ids(search(user, Map.of("q", "^plain"))));
    }

    @Test
    void hitsCarryTheChatTitleAndASnippetWithTheMatchedSpans() {
        var user = newUser();
        var chat = newId();
        var long1 = "word ".repeat(40) + "the Needle is here " + "tail ".repeat(40);
        var id = say(user, chat, long1);
        as(user).body(Map.of("title", "Haystack notes")).put("/chats/{id}", chat).then().statusCode(200);

        var hit = search(user, Map.of("q", "needle here")).getMap("hits[0]");
        assertEquals(chat, hit.get("chatId"));
        assertEquals("Haystack notes", hit.get("chatTitle"));
        assertEquals(id, hit.get("messageId"));
        assertEquals("user", hit.get("role"));
        assertTrue(hit.get("timestamp").toString().endsWith("Z"));
        var snippet = search(user, Map.of("q", "needle here")).getString("hits[0].snippet.text");
        List<Map<String, Integer>> spans = search(user, Map.of("q", "needle here")).getList("hits[0].snippet.matches");
        assertTrue(snippet.startsWith("…") && snippet.endsWith("…"), snippet);
        assertTrue(snippet.length() <= Snippet.LENGTH + 2, snippet);
        var matched = spans.stream().map(s -> snippet.substring(s.get("start"), s.get("end"))).toList();
        assertEquals(List.of("Needle", "here"), matched);
    }

    @Test
    void newestFirstAndPagedByCursorEvenWhenTimestampsAreEqual() {
        var user = newUser();
        var chat = newId();
        putMessage(user, chat, newId(), "user", "start the chat");
        var same = Instant.parse("2025-05-05T05:05:05Z");
        var ids = IntStream.range(0, 7).mapToObj(i -> "equal-" + i + newId().substring(0, 10)).toList();
        Store.insertMessages(mongo, user, chat, same, ids);
        var newest = say(user, chat, "message newest");

        var seen = new java.util.ArrayList<String>();
        String cursor = null;
        int pages = 0;
        do {
            var params = new java.util.HashMap<String, Object>(Map.of("q", "message", "limit", 3));
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            var page = search(user, params);
            seen.addAll(ids(page));
            cursor = page.getString("nextCursor");
            assertEquals(cursor != null, page.getBoolean("hasMore"));
            pages++;
        } while (cursor != null);

        assertEquals(3, pages);
        assertEquals(8, seen.size());
        assertEquals(8, new HashSet<>(seen).size(), "no hit twice");
        assertEquals(newest, seen.get(0));
        // Equal timestamps: by id, descending.
        var equal = ids.stream().sorted(java.util.Comparator.reverseOrder()).toList();
        assertEquals(equal, seen.subList(1, 8));
    }

    @Test
    void aDateRangeAndAChatNarrowTheSearch() {
        var user = newUser();
        var first = newId();
        var second = newId();
        var october = say(user, first, "report draft one");
        var november = say(user, first, "report draft two");
        var otherChat = say(user, second, "report elsewhere");
        Store.setMessageField(mongo, october, "timestamp", Date.from(Instant.parse("2026-10-15T12:00:00Z")));
        Store.setMessageField(mongo, november, "timestamp", Date.from(Instant.parse("2026-11-01T23:59:59.500Z")));
        Store.setMessageField(mongo, otherChat, "timestamp", Date.from(Instant.parse("2026-11-20T08:00:00Z")));

        assertEquals(List.of(november), ids(search(user, Map.of("q", "report", "from", "2026-11-01", "to", "2026-11-01"))));
        assertEquals(List.of(otherChat, november), ids(search(user, Map.of("q", "report", "from", "2026-11-01T00:00:00Z"))));
        assertEquals(List.of(november, october),
                ids(search(user, Map.of("q", "report", "to", "2026-11-01T23:59:59.500+00:00"))));
        assertEquals(List.of(november, october), ids(search(user, Map.of("q", "report", "chatId", first))));
        assertEquals(List.of(november), ids(search(user, Map.of("q", "report", "chatId", first, "from", "2026-10-20"))));
    }

    @Test
    void deletedChatsAreLeftOutUntilRestored() {
        var user = newUser();
        var kept = newId();
        var deleted = newId();
        var keptHit = say(user, kept, "invoice kept");
        var deletedHit = say(user, deleted, "invoice deleted");
        as(user).delete("/chats/{id}", deleted).then().statusCode(204);

        assertEquals(List.of(keptHit), ids(search(user, Map.of("q", "invoice"))));
        as(user).queryParam("q", "invoice").queryParam("chatId", deleted).get("/search").then().statusCode(404);
        as(user).post("/chats/{id}/restore", deleted).then().statusCode(200);
        assertEquals(List.of(deletedHit, keptHit), ids(search(user, Map.of("q", "invoice"))));
    }

    @Test
    void badParametersAreClearErrors() {
        var user = newUser();
        say(user, newId(), "something");
        for (var params : List.<Map<String, Object>>of(
                Map.of(),
                Map.of("q", "   "),
                Map.of("q", "x".repeat(SearchTerms.MAX_LENGTH + 1)),
                Map.of("q", "a b c d e f g h i j k"),
                Map.of("q", "x", "from", "yesterday"),
                Map.of("q", "x", "to", "2026-13-01"),
                Map.of("q", "x", "from", "2026-11-02", "to", "2026-11-01"),
                Map.of("q", "x", "limit", 0),
                Map.of("q", "x", "limit", 101),
                Map.of("q", "x", "cursor", "not-a-cursor"),
                Map.of("q", "x", "chatId", "bad id"))) {
            as(user).queryParams(params).get("/search").then().statusCode(400)
                    .body("error.code", is("invalid_request"));
        }
        as(user).queryParam("q", "x").queryParam("chatId", newId()).get("/search").then().statusCode(404)
                .body("error.code", is("not_found"));
    }

    @Test
    void anEmptyResultIsAnEmptyPage() {
        var user = newUser();
        var page = search(user, Map.of("q", "nothing at all"));
        assertEquals(List.of(), page.getList("hits"));
        assertFalse(page.getBoolean("hasMore"));
        assertNull(page.getString("nextCursor"));
        as(user).queryParam("q", "\"\"").get("/search").then().statusCode(400).body("error.message", containsString("no words"));
    }

    private static String say(String user, String chat, String content) {
        var id = newId();
        putMessage(user, chat, id, "user", content);
        return id;
    }

    private static JsonPath search(String user, Map<String, ?> params) {
        return as(user).queryParams(params).get("/search").then().statusCode(200).extract().jsonPath();
    }

    private static List<String> ids(JsonPath page) {
        return page.getList("hits.messageId");
    }
}
