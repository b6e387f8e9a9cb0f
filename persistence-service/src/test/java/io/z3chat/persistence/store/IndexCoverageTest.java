package io.z3chat.persistence.store;

import com.mongodb.client.MongoClient;
import io.quarkus.test.junit.QuarkusTest;
import io.z3chat.persistence.retention.ChatPurger;
import io.z3chat.persistence.support.Store;
import io.z3chat.persistence.sweeper.MessageSweeper;
import org.bson.BsonDocument;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.z3chat.persistence.support.Api.as;
import static io.z3chat.persistence.support.Api.newId;
import static io.z3chat.persistence.support.Api.newUser;
import static io.z3chat.persistence.support.Api.putMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every query the service sends while every endpoint, the purge and the sweeper run is held to
 * the index catalog: on a real MongoDB each one walks an index, none scans a collection or skips
 * through messages. (The embedded store used in tests cannot show this: it scans.)
 */
@QuarkusTest
class IndexCoverageTest {

    @Inject
    RecordingCommandListener recorder;

    @Inject
    MongoClient mongo;

    @Inject
    ChatPurger purger;

    @Inject
    MessageSweeper sweeper;

    @Test
    void everyQueryOfEveryEndpointIsServedByADeclaredIndex() {
        recorder.start();
        exerciseEveryEndpoint();
        var commands = recorder.stop();

        var shapes = commands.stream().flatMap(c -> QueryShape.of(c).stream()).toList();
        assertTrue(shapes.size() > 40, "the flow ran its queries: " + shapes.size());
        var commandsSeen = shapes.stream().map(QueryShape::command).collect(Collectors.toSet());
        assertTrue(commandsSeen.containsAll(List.of("find", "findAndModify", "aggregate", "update", "delete")), commandsSeen.toString());

        var unserved = shapes.stream().filter(s -> !served(s)).map(QueryShape::toString).distinct().toList();
        assertEquals(List.of(), unserved, "queries no declared index serves");

        var skippedMessages = shapes.stream().filter(s -> s.collection().equals("messages") && s.skip() > 0).toList();
        assertEquals(List.of(), skippedMessages, "messages are paged by cursor, never by skip");
        assertTrue(shapes.stream().allMatch(s -> s.skip() <= 10_000), "chat list offsets are bounded");
    }

    /**
     * Ready for a sharded cluster with {@code chats} and {@code messages} sharded by {@code userEmail}
     * (persistence-service README, "Sharding"): every query carries the acting user's email as an
     * equality, so mongos sends it to one shard, and every insert carries it as a field. The only
     * queries that cannot, and go to every shard, are listed in {@link #BROADCASTS} with why.
     */
    @Test
    void everyQueryAndInsertCarriesTheShardKeyButTheListedBroadcasts() {
        recorder.start();
        exerciseEveryEndpoint();
        // the service's own commands, not the test's back-dating and inspection (Store's helpers)
        var commands = recorder.stop().stream()
                .filter(c -> !(c.isString("comment") && c.getString("comment").getValue().equals(Store.COMMENT))).toList();

        var shapes = commands.stream().flatMap(c -> QueryShape.of(c).stream())
                .filter(s -> SHARDED.contains(s.collection())).toList();
        var broadcasts = shapes.stream().filter(s -> !s.equality().contains("userEmail"))
                .map(s -> s.collection() + " " + s.command() + " " + s.equality() + s.ranges())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        assertEquals(BROADCASTS.keySet(), broadcasts, "queries without the shard key (userEmail) as an equality");

        var inserts = commands.stream().filter(c -> c.getFirstKey().equals("insert")
                && SHARDED.contains(c.getString("insert").getValue())).toList();
        assertFalse(inserts.isEmpty(), "the flow inserted");
        for (var insert : inserts) {
            insert.getArray("documents").forEach(d -> assertTrue(d.asDocument().isString("userEmail"),
                    "inserted without userEmail: " + d));
        }
        var counted = shapes.stream().filter(s -> s.collection().equals(IndexCatalog.RATE_WINDOWS)).toList();
        assertFalse(counted.isEmpty(), "the flow counted its user messages against the rate limit");
        commands.stream().filter(c -> c.getFirstKey().equals("findAndModify") && c.getBoolean("upsert",
                org.bson.BsonBoolean.FALSE).getValue()).forEach(c -> assertTrue(c.getDocument("query").toJson()
                .contains("userEmail"), "upsert without userEmail: " + c));
        var upserts = commands.stream().filter(c -> c.getFirstKey().equals("update")).flatMap(c -> c.getArray("updates").stream())
                .filter(u -> u.asDocument().getBoolean("upsert", org.bson.BsonBoolean.FALSE).getValue()).toList();
        upserts.forEach(u -> assertTrue(u.asDocument().getDocument("q").containsKey("userEmail")
                || u.asDocument().getDocument("q").toJson().contains("userEmail"), "upsert without userEmail: " + u));
    }

    /** rate_windows may stay unsharded (it is small), yet its one query carries userEmail all the same. */
    private static final List<String> SHARDED = List.of(IndexCatalog.CHATS, IndexCatalog.MESSAGES,
            IndexCatalog.RATE_WINDOWS, IndexCatalog.BRANCHES);

    /** The queries that go to every shard, each with the index that serves it on every shard and why that is fine. */
    static final Map<String, String> BROADCASTS = Map.of(
            "chats find [share.id][]",
            "a share link read signed out: no user to route by; the sparse unique share.id index answers on every shard",
            "chats find [][deletedAt]",
            "the retention purge (one background query a tick, limit 100): the sparse deletedAt index answers on "
                    + "every shard; it then deletes each chat's messages by userEmail",
            "messages update [status][checkpointAt]",
            "the sweeper (one background update a tick): the (status, checkpointAt) index answers on every shard",
            "messages find [_id][]",
            "holderOf, once per new message (a PUT, the PATCH that creates a reply, a new version): whose the id is, "
                    + "ours (a replay) or another user's (404), in one point read; the _id index answers on every shard");

    @Test
    void theCheckRejectsQueriesNoIndexServes() {
        // The test above would pass vacuously if the check accepted anything; these must fail it.
        var unindexedSort = QueryShape.shape("messages", "find", BsonDocument.parse("{userEmail: 'u', chatId: 'c'}"),
                BsonDocument.parse("{content: 1}"), 0);
        var notAPrefix = QueryShape.shape("messages", "find", BsonDocument.parse("{chatId: 'c', role: 'user'}"),
                new BsonDocument(), 0);
        var mixedDirections = QueryShape.shape("chats", "find",
                BsonDocument.parse("{userEmail: 'u', deletedAt: null, archived: false}"),
                BsonDocument.parse("{pinned: -1, updatedAt: 1}"), 0);
        var rangeOutsideIndex = QueryShape.shape("messages", "find", BsonDocument.parse("{status: 'streaming', "
                + "timestamp: {$lt: 5}}"), new BsonDocument(), 0);
        for (var shape : List.of(unindexedSort, notAPrefix, mixedDirections, rangeOutsideIndex)) {
            assertFalse(served(shape), shape.toString());
        }
        var page = QueryShape.shape("messages", "find", BsonDocument.parse("{$and: [{userEmail: 'u'}, {chatId: 'c'}, "
                + "{timestamp: {$gte: 1}}, {$or: [{timestamp: {$gt: 1}}, {_id: {$gt: 'x'}}]}]}"),
                BsonDocument.parse("{timestamp: 1, _id: 1}"), 0);
        assertTrue(served(page), "a forward page walks the page index backwards");
    }

    static boolean served(QueryShape shape) {
        return shape.byId() || IndexCatalog.ALL.stream()
                .filter(index -> index.collection().equals(shape.collection()))
                .anyMatch(shape::servedBy);
    }

    private void exerciseEveryEndpoint() {
        var user = newUser();
        var chatId = newId();
        var question = newId();
        var reply = newId();
        as(user).body(Map.of("id", newId(), "title", "Made first")).post("/chats").then().statusCode(201);
        putMessage(user, chatId, question, "user", "What is an index?");
        as(user).body(Map.of("role", "user", "content", "What is an index?")).put("/chats/{c}/messages/{m}", chatId, question)
                .then().statusCode(200);
        as(user).body(Map.of("role", "user", "content", "What is a B-tree index?"))
                .put("/chats/{c}/messages/{m}", chatId, question).then().statusCode(200);
        var generationId = "gen_" + newId();
        as(user).body(Map.of("content", "", "status", "streaming", "generationId", generationId))
                .patch("/chats/{c}/messages/{m}", chatId, reply).then().statusCode(201);
        as(user).get("/chats/{c}/generations/{g}", chatId, generationId).then().statusCode(200);
        as(user).body(Map.of("content", "A tree", "status", "streaming")).patch("/chats/{c}/messages/{m}", chatId, reply)
                .then().statusCode(200);
        as(user).body(Map.of("content", "A", "status", "streaming")).patch("/chats/{c}/messages/{m}", chatId, reply)
                .then().statusCode(200);
        as(user).body(Map.of("content", "A tree.", "status", "complete")).patch("/chats/{c}/messages/{m}", chatId, reply)
                .then().statusCode(200);
        as(user).body(Map.of("content", "A tree.", "status", "complete")).patch("/chats/{c}/messages/{m}", chatId, reply)
                .then().statusCode(200);
        as(user).queryParam("q", "index").queryParam("limit", 5).queryParam("offset", 1).get("/chats").then().statusCode(200);
        as(user).queryParam("archived", "true").get("/chats").then().statusCode(200);
        as(user).get("/chats/{id}", chatId).then().statusCode(200);
        as(user).header("If-Match", "1").body(Map.of("title", "Indexes", "titleSource", "llm")).put("/chats/{id}", chatId)
                .then().statusCode(200);
        as(user).body(Map.of("pinned", true)).put("/chats/{id}", chatId).then().statusCode(200);
        String cursor = as(user).queryParam("limit", 1).get("/chats/{id}/messages", chatId).path("nextCursor");
        as(user).queryParam("before", cursor).get("/chats/{id}/messages", chatId).then().statusCode(200);
        as(user).queryParam("after", cursor).get("/chats/{id}/messages", chatId).then().statusCode(200);
        as(user).queryParam("around", reply).get("/chats/{id}/messages", chatId).then().statusCode(200);
        as(user).get("/chats/{c}/messages/{m}", chatId, reply).then().statusCode(200);

        // Issue 11: versions. A regenerate, its checkpoint and final, an edit, switches, pages of the path.
        var again = newId();
        as(user).body(Map.of("id", again)).post("/chats/{c}/messages/{m}/versions", chatId, reply).then().statusCode(201);
        as(user).body(Map.of("id", again)).post("/chats/{c}/messages/{m}/versions", chatId, reply).then().statusCode(200);
        as(user).body(Map.of("content", "A B-tree", "status", "streaming")).patch("/chats/{c}/messages/{m}", chatId, again)
                .then().statusCode(200);
        as(user).body(Map.of("content", "A B-tree.", "status", "complete")).patch("/chats/{c}/messages/{m}", chatId, again)
                .then().statusCode(200);
        var edited = newId();
        as(user).body(Map.of("id", edited, "content", "What is a hash index?"))
                .post("/chats/{c}/messages/{m}/versions", chatId, question).then().statusCode(201);
        putMessage(user, chatId, newId(), "assistant", "A table.");
        as(user).body(Map.of("messageId", reply)).put("/chats/{c}/selection", chatId).then().statusCode(200);
        String pathCursor = as(user).queryParam("limit", 1).get("/chats/{id}/messages", chatId).path("nextCursor");
        as(user).queryParam("before", pathCursor).get("/chats/{id}/messages", chatId).then().statusCode(200);
        as(user).queryParam("after", pathCursor).get("/chats/{id}/messages", chatId).then().statusCode(200);
        as(user).queryParam("around", question).get("/chats/{id}/messages", chatId).then().statusCode(200);
        as(user).body(Map.of("messageId", edited)).put("/chats/{c}/selection", chatId).then().statusCode(200);

        // Issue 3: search (every filter), exports, import, share.
        String hitCursor = as(user).queryParam("q", "tree").queryParam("limit", 1).get("/search").then().statusCode(200)
                .extract().path("nextCursor");
        as(user).queryParam("q", "tree").queryParam("cursor", hitCursor).queryParam("from", "2020-01-01")
                .queryParam("to", "2099-01-01").get("/search").then().statusCode(200);
        as(user).queryParam("q", "\"a tree\"").queryParam("chatId", chatId).get("/search").then().statusCode(200);
        as(user).get("/export").then().statusCode(200);
        as(user).queryParam("format", "markdown").get("/chats/{id}/export", chatId).then().statusCode(200);
        as(user).get("/chats/{id}/export", chatId).then().statusCode(200);
        var exported = as(user).get("/export").then().extract().asString();
        as(user).body(exported).post("/imports").then().statusCode(200);
        String shareId = as(user).body("{}").post("/chats/{id}/share", chatId).then().statusCode(201).extract().path("id");
        as(user).body("{}").post("/chats/{id}/share", chatId).then().statusCode(200);
        String sharedCursor = as(user).queryParam("limit", 1).get("/shared/{s}", shareId).then().statusCode(200)
                .extract().path("nextCursor");
        as(user).queryParam("cursor", sharedCursor).get("/shared/{s}", shareId).then().statusCode(200);
        as(user).delete("/chats/{id}/share", chatId).then().statusCode(204);

        var stale = newId();
        as(user).body(Map.of("content", "abandoned", "status", "streaming", "generationId", "gen_stale_" + newId().substring(0, 10)))
                .patch("/chats/{c}/messages/{m}", chatId, stale).then().statusCode(201);
        Store.setMessageField(mongo, stale, "checkpointAt", Date.from(Instant.now().minus(Duration.ofHours(1))));
        sweeper.sweep();
        String generation = Store.message(mongo, stale).getString("generationId");
        as(user).body(Map.of("content", "abandoned, then done", "status", "complete", "generationId", generation))
                .patch("/chats/{c}/messages/{m}", chatId, stale).then().statusCode(200);

        as(user).delete("/chats/{id}", chatId).then().statusCode(204);
        as(user).post("/chats/{id}/restore", chatId).then().statusCode(200);
        as(user).delete("/chats/{id}", chatId).then().statusCode(204);
        Store.setChatField(mongo, chatId, "deletedAt", Date.from(Instant.now().minus(Duration.ofDays(40))));
        purger.purgeExpired();
    }
}
