package io.z3chat.persistence.chat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import static io.z3chat.persistence.support.Api.as;
import static io.z3chat.persistence.support.Api.createChat;
import static io.z3chat.persistence.support.Api.newId;
import static io.z3chat.persistence.support.Api.newUser;
import static io.z3chat.persistence.support.Api.putMessage;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class ChatLifecycleTest {

    @Test
    void createWithoutIdGeneratesANanoidAndAPlaceholderTitle() {
        var user = newUser();
        var created = as(user).body("{}").post("/chats");
        created.then().statusCode(201)
                .header("Location", endsWith("/chats/" + created.path("id")))
                .body("id", matchesPattern("[A-Za-z0-9_-]{21}"))
                .body("title", is("New chat")).body("titleSource", is("auto"))
                .body("messageCount", is(0)).body("pinned", is(false)).body("archived", is(false))
                .body("version", is(1)).body("lastMessage", nullValue()).body("share", nullValue())
                .body("createdAt", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
    }

    @Test
    void createWithTheSameClientIdTwiceReturnsTheExistingChat() {
        var user = newUser();
        var id = newId();
        String createdAt = as(user).body(Map.of("id", id, "title", "Trip plans")).post("/chats")
                .then().statusCode(201).body("titleSource", is("user")).extract().path("createdAt");
        as(user).body(Map.of("id", id, "title", "Other")).post("/chats").then().statusCode(200)
                .body("title", is("Trip plans")).body("createdAt", is(createdAt));
    }

    @Test
    void createWithAnIdTakenByAnotherUserIsConflict() {
        var id = newId();
        as(newUser()).body(Map.of("id", id)).post("/chats").then().statusCode(201);
        as(newUser()).body(Map.of("id", id)).post("/chats").then().statusCode(409).body("error.code", is("conflict"));
    }

    @Test
    void getReturnsTheChatWithItsVersionAsETag() {
        var user = newUser();
        var id = createChat(user);
        as(user).get("/chats/{id}", id).then().statusCode(200).header("ETag", "\"1\"").body("id", is(id));
    }

    @Test
    void renameSetsTitleSourceUserAndBumpsTheVersion() {
        var user = newUser();
        var id = createChat(user);
        as(user).body(Map.of("title", "  Renamed  ")).put("/chats/{id}", id).then().statusCode(200)
                .header("ETag", "\"2\"").body("title", is("Renamed")).body("titleSource", is("user")).body("version", is(2));
    }

    @Test
    void pinAndArchiveDoNotCountAsActivity() {
        var user = newUser();
        var id = createChat(user);
        String updatedAt = as(user).get("/chats/{id}", id).path("updatedAt");
        as(user).body(Map.of("pinned", true, "archived", true)).put("/chats/{id}", id).then().statusCode(200)
                .body("pinned", is(true)).body("archived", is(true)).body("updatedAt", is(updatedAt));
    }

    @Test
    void ifMatchAcceptsQuotedAndBareVersions() {
        var user = newUser();
        var id = createChat(user);
        as(user).header("If-Match", "\"1\"").body(Map.of("pinned", true)).put("/chats/{id}", id).then().statusCode(200);
        as(user).header("If-Match", "2").body(Map.of("pinned", false)).put("/chats/{id}", id).then().statusCode(200)
                .body("version", is(3));
    }

    @Test
    void staleIfMatchIsAVersionConflictAndChangesNothing() {
        var user = newUser();
        var id = createChat(user);
        as(user).body(Map.of("title", "First")).put("/chats/{id}", id).then().statusCode(200);
        as(user).header("If-Match", "\"1\"").body(Map.of("title", "Lost update")).put("/chats/{id}", id)
                .then().statusCode(409).body("error.code", is("version_conflict"));
        as(user).get("/chats/{id}", id).then().body("title", is("First")).body("version", is(2));
    }

    @Test
    void malformedIfMatchIsRejected() {
        var user = newUser();
        var id = createChat(user);
        as(user).header("If-Match", "\"abc\"").body(Map.of("title", "x")).put("/chats/{id}", id)
                .then().statusCode(400).body("error.code", is("invalid_request"));
        as(user).get("/chats/{id}", id).then().body("version", is(1));
    }

    @Test
    void twoConcurrentUpdatesOfTheSameVersionLetExactlyOneWin() throws Exception {
        var user = newUser();
        var id = createChat(user);
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(2);
        try {
            var updates = List.of("Alpha", "Beta").stream().map(title -> CompletableFuture.supplyAsync(() -> {
                await(start);
                return as(user).header("If-Match", "\"1\"").body(Map.of("title", title)).put("/chats/{id}", id);
            }, pool)).toList();
            start.countDown();
            var statuses = updates.stream().map(CompletableFuture::join).map(Response::statusCode).sorted().toList();
            assertEquals(List.of(200, 409), statuses);
            var winner = updates.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 200)
                    .findFirst().orElseThrow().path("title");
            as(user).get("/chats/{id}", id).then().body("title", is(winner)).body("version", is(2));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void generatedTitleAppliesOnlyWhileTheTitleIsAutomatic() {
        var user = newUser();
        var id = newId();
        putMessage(user, id, newId(), "user", "tell me about lighthouses");
        as(user).body(Map.of("title", "Lighthouses", "titleSource", "llm")).put("/chats/{id}", id).then()
                .statusCode(200).body("title", is("Lighthouses")).body("titleSource", is("llm"));
        // A second generated title does not replace the first.
        as(user).body(Map.of("title", "Other", "titleSource", "llm")).put("/chats/{id}", id).then()
                .statusCode(200).body("title", is("Lighthouses"));
    }

    @Test
    void aGeneratedTitleIsStoredCleanedAndOneWithNothingLeftIsRejected() {
        var user = newUser();
        var id = newId();
        putMessage(user, id, newId(), "user", "plan a trip to lisbon");
        as(user).body(Map.of("title", " \n**Title:** \"Trip to\tLisbon.\"\nSome explanation", "titleSource", "llm"))
                .put("/chats/{id}", id).then().statusCode(200).body("title", is("Trip to Lisbon"))
                .body("titleSource", is("llm"));

        var other = newId();
        putMessage(user, other, newId(), "user", "tell me about lighthouses");
        as(user).body(Map.of("title", "\"**\".", "titleSource", "llm")).put("/chats/{id}", other).then()
                .statusCode(400).body("error.code", is("invalid_request"));
        as(user).get("/chats/{id}", other).then().body("titleSource", is("auto"));
    }

    @Test
    void generatedTitleNeverClobbersAUserRename() {
        var user = newUser();
        var id = newId();
        putMessage(user, id, newId(), "user", "tell me about lighthouses");
        as(user).body(Map.of("title", "My title")).put("/chats/{id}", id).then().statusCode(200);
        as(user).body(Map.of("title", "Lighthouses", "titleSource", "llm")).put("/chats/{id}", id).then()
                .statusCode(200).body("title", is("My title")).body("titleSource", is("user")).body("version", is(2));
    }

    @Test
    void updateWithNothingToChangeOrAnUnknownTitleSourceIsRejected() {
        var user = newUser();
        var id = createChat(user);
        as(user).body("{}").put("/chats/{id}", id).then().statusCode(400).body("error.code", is("invalid_request"));
        as(user).body(Map.of("title", "x", "titleSource", "auto")).put("/chats/{id}", id).then().statusCode(400);
        as(user).body(Map.of("titleSource", "llm")).put("/chats/{id}", id).then().statusCode(400);
        as(user).get("/chats/{id}", id).then().body("version", is(1)).body("title", is("New chat"));
    }

    @Test
    void unknownChatIs404() {
        as(newUser()).get("/chats/{id}", newId()).then().statusCode(404).body("error.code", is("not_found"));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
