package io.z3chat.persistence.search;

import com.mongodb.MongoClientSettings;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a MongoDB with text search is sent (the embedded store has no $text, so this is where the
 * text mode's query is checked), and the regex mode's escaping.
 */
class TextSearchQueryTest {

    @Test
    void everyTermIsAQuotedPhraseSoMongoDbAndsThem() {
        var query = SearchQuery.parse("deploy \"staging cluster\"", "2026-11-01", "2026-11-02", null, null, null);
        var filter = render(SearchRepository.filter("ann@example.com", query, List.of("hiddenChat123"), true));
        assertEquals("\"deploy\" \"staging cluster\"", text(filter).getString("$search").getValue());
        assertEquals(BsonDocument.parse("{\"userEmail\": \"ann@example.com\"}"), filter.getArray("$and").get(0).asDocument());
        var json = filter.toJson();
        assertTrue(json.contains("\"$nin\": [\"hiddenChat123\"]"), json);
        assertTrue(json.contains("\"$gte\": {\"$date\": \"2026-11-01T00:00:00Z\"}"), json);
        assertTrue(json.contains("\"$lt\": {\"$date\": \"2026-11-03T00:00:00Z\"}"), json);
        assertFalse(json.contains("$regularExpression"), json);
    }

    @Test
    void aChatNarrowsByEqualityAndACursorByTimestampThenId() {
        var cursor = new io.z3chat.persistence.message.Cursor(java.time.Instant.parse("2026-11-05T10:00:00Z"), "messageId123").encode();
        var query = SearchQuery.parse("x1", null, null, "chatId12345", "5", cursor);
        var json = render(SearchRepository.filter("ann@example.com", query, List.of("ignoredWhenChatGiven"), true)).toJson();
        assertTrue(json.contains("{\"chatId\": \"chatId12345\"}"), json);
        assertFalse(json.contains("ignoredWhenChatGiven"), json);
        assertTrue(json.contains("\"$or\": [{\"timestamp\": {\"$lt\""), json);
        assertTrue(json.contains("{\"_id\": {\"$lt\": \"messageId123\"}}"), json);
    }

    @Test
    void theRegexModeEscapesEveryPatternCharacter() {
        var query = SearchQuery.parse("(a+)+$ \"x.y  z\"", null, null, null, null, null);
        var json = render(SearchRepository.filter("ann@example.com", query, List.of(), false)).toJson();
        assertTrue(json.contains("{\"pattern\": \"\\\\(a\\\\+\\\\)\\\\+\\\\$\", \"options\": \"i\"}"), json);
        assertTrue(json.contains("{\"pattern\": \"x\\\\.y\\\\s+z\", \"options\": \"i\"}"), json);
        assertFalse(json.contains("$text"), json);
    }

    private static BsonDocument render(org.bson.conversions.Bson filter) {
        return filter.toBsonDocument(BsonDocument.class, MongoClientSettings.getDefaultCodecRegistry());
    }

    private static BsonDocument text(BsonDocument filter) {
        return filter.getArray("$and").stream().map(v -> v.asDocument())
                .filter(d -> d.containsKey("$text")).findFirst().orElseThrow().getDocument("$text");
    }
}
