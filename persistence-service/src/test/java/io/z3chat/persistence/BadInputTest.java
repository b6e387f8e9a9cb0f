package io.z3chat.persistence;

import com.mongodb.client.MongoClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.z3chat.persistence.support.StoreSnapshot;
import io.z3chat.persistence.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.z3chat.persistence.support.Api.as;
import static io.z3chat.persistence.support.Api.newId;
import static io.z3chat.persistence.support.Api.newUser;
import static io.z3chat.persistence.support.Api.putMessage;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every kind of bad input gets a clear JSON error and leaves the store exactly as it was. */
@QuarkusTest
class BadInputTest {

    private static final int MAX_CONTENT = 100_000;

    @Inject
    MongoClient mongo;

    private String user;
    private String chatId;
    private String messageId;

    @BeforeEach
    void aChatWithOneMessage() {
        user = newUser();
        chatId = newId();
        messageId = newId();
        putMessage(user, chatId, messageId, "user", "original");
    }

    @Test
    void malformedIdsAreRejected() {
        for (var bad : List.of("short", "has space in it", "semi;colon-id", "x".repeat(65), "dollar$sign1", "dots.are.bad")) {
            rejected(400, "invalid_request", r -> r.get("/chats/{id}", bad));
            rejected(400, "invalid_request", r -> r.body(Map.of("title", "x")).put("/chats/{id}", bad));
            rejected(400, "invalid_request", r -> r.delete("/chats/{id}", bad));
            rejected(400, "invalid_request", r -> r.post("/chats/{id}/restore", bad));
            rejected(400, "invalid_request", r -> r.get("/chats/{id}/messages", bad));
            rejected(400, "invalid_request", r -> r.body(Map.of("id", bad)).post("/chats"));
            rejected(400, "invalid_request", r -> r.body(Map.of("role", "user", "content", "x"))
                    .put("/chats/{c}/messages/{m}", bad, newId()));
            rejected(400, "invalid_request", r -> r.body(Map.of("role", "user", "content", "x"))
                    .put("/chats/{c}/messages/{m}", chatId, bad));
            rejected(400, "invalid_request", r -> r.body(Map.of("content", "x", "status", "complete"))
                    .patch("/chats/{c}/messages/{m}", chatId, bad));
            rejected(400, "invalid_request", r -> r.get("/chats/{c}/messages/{m}", chatId, bad));
        }
    }

    @Test
    void contentOverTheConfiguredMaximumIs413() {
        var tooLong = "x".repeat(MAX_CONTENT + 1);
        rejected(413, "payload_too_large", r -> r.body(Map.of("role", "user", "content", tooLong))
                .put("/chats/{c}/messages/{m}", chatId, newId()));
        rejected(413, "payload_too_large", r -> r.body(Map.of("role", "user", "content", tooLong))
                .put("/chats/{c}/messages/{m}", newId(), newId()));
        rejected(413, "payload_too_large", r -> r.body(Map.of("content", tooLong, "status", "streaming"))
                .patch("/chats/{c}/messages/{m}", chatId, newId()));
        as(user).body(Map.of("role", "user", "content", "y".repeat(MAX_CONTENT)))
                .put("/chats/{c}/messages/{m}", chatId, newId()).then().statusCode(201);
    }

    @Test
    void aBodyOverTheHttpLimitIs413Json() {
        var huge = "{\"role\":\"user\",\"content\":\"" + "z".repeat(1_100_000) + "\"}";
        rejected(413, "payload_too_large", r -> r.body(huge).put("/chats/{c}/messages/{m}", chatId, newId()));
    }

    @Test
    void aChunkedJsonBodyOverTheJsonLimitIsCutOffThoughImportsMayBeLarger() throws Exception {
        // The service lets import-sized bodies in (2 MiB in tests); every other route keeps 1 MiB,
        // also without a declared length. White space past the limit would be valid JSON.
        var padded = "{\"role\":\"user\",\"content\":\"padded\"" + " ".repeat(1_500_000) + "}";
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/chats/" + chatId
                        + "/messages/" + newId()))
                .header("Authorization", "Bearer " + TestTokens.forUser(user)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(padded.getBytes(StandardCharsets.UTF_8))))
                .build();
        var before = StoreSnapshot.of(mongo, user);
        var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            var response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(413, response.statusCode(), response.body());
        } catch (java.io.IOException closed) {
            // Quarkus answers 413 and closes the connection while the client may still be sending.
        }
        assertEquals(before, StoreSnapshot.of(mongo, user), "nothing was stored");
        as(user).get("/chats/{id}", chatId).then().statusCode(200).body("messageCount", is(1));
    }

    @Test
    void overLongBlankOrControlCharacterTitlesAreRejected() {
        for (var title : List.of("t".repeat(201), "   ", "bell\u0007", "two\nlines", "tab\there", "nul\u0000")) {
            rejected(400, "invalid_request", r -> r.body(Map.of("title", title)).put("/chats/{id}", chatId));
            rejected(400, "invalid_request", r -> r.body(Map.of("title", title)).post("/chats"));
        }
        as(user).body(Map.of("title", "é".repeat(200))).put("/chats/{id}", chatId).then().statusCode(200);
    }

    @Test
    void unknownFieldsAreRejected() {
        rejected(400, "invalid_request", r -> r.body(Map.of("title", "x", "userEmail", "other@example.com"))
                .put("/chats/{id}", chatId));
        rejected(400, "invalid_request", r -> r.body(Map.of("id", newId(), "owner", "x")).post("/chats"));
        rejected(400, "invalid_request", r -> r.body(Map.of("role", "user", "content", "x", "chatId", "elsewhere"))
                .put("/chats/{c}/messages/{m}", chatId, messageId));
        rejected(400, "invalid_request", r -> r.body(Map.of("content", "x", "status", "streaming", "timestamp", "2020-01-01"))
                .patch("/chats/{c}/messages/{m}", chatId, newId()));
        as(user).body(Map.of("title", "x", "userEmail", "a")).put("/chats/{id}", chatId).then()
                .body("error.message", containsString("userEmail"));
    }

    @Test
    void mongoOperatorsSmuggledIntoValuesOrKeysAreRejected() {
        rejected(400, "invalid_request", r -> r.body("{\"title\": {\"$gt\": \"\"}}").put("/chats/{id}", chatId));
        rejected(400, "invalid_request", r -> r.body("{\"title\": {\"$gt\": \"\"}}").post("/chats"));
        rejected(400, "invalid_request", r -> r.body("{\"id\": {\"$ne\": null}}").post("/chats"));
        rejected(400, "invalid_request", r -> r.body("{\"role\": \"user\", \"content\": {\"$gt\": \"\"}}")
                .put("/chats/{c}/messages/{m}", chatId, messageId));
        rejected(400, "invalid_request", r -> r.body("{\"role\": {\"$ne\": \"x\"}, \"content\": \"x\"}")
                .put("/chats/{c}/messages/{m}", chatId, messageId));
        rejected(400, "invalid_request", r -> r.body("{\"content\": {\"$set\": {\"status\": \"complete\"}}, \"status\": \"streaming\"}")
                .patch("/chats/{c}/messages/{m}", chatId, messageId));
        rejected(400, "invalid_request", r -> r.body("{\"$where\": \"sleep(1000)\", \"title\": \"x\"}").put("/chats/{id}", chatId));
        rejected(400, "invalid_request", r -> r.body("{\"$where\": \"1\", \"role\": \"user\", \"content\": \"x\"}")
                .put("/chats/{c}/messages/{m}", chatId, messageId));
        rejected(400, "invalid_request", r -> r.body("{\"pinned\": {\"$ne\": false}}").put("/chats/{id}", chatId));
    }

    @Test
    void operatorLookingTextIsStoredAsPlainText() {
        as(user).body(Map.of("title", "{\"$gt\": \"\"}")).put("/chats/{id}", chatId).then().statusCode(200)
                .body("title", is("{\"$gt\": \"\"}"));
        as(user).body(Map.of("role", "user", "content", "$where")).put("/chats/{c}/messages/{m}", chatId, messageId)
                .then().statusCode(200).body("content", is("$where"));
    }

    @Test
    void wrongTypesMalformedJsonAndMissingBodiesAreRejected() {
        rejected(400, "invalid_request", r -> r.body("{\"pinned\": \"true\"}").put("/chats/{id}", chatId));
        rejected(400, "invalid_request", r -> r.body("{\"title\": 42}").put("/chats/{id}", chatId));
        rejected(400, "invalid_request", r -> r.body("{\"title\": \"a\", \"title\": \"b\"}").put("/chats/{id}", chatId));
        rejected(400, "invalid_request", r -> r.body("{\"role\": \"user\", \"content\": ").put("/chats/{c}/messages/{m}", chatId, messageId));
        rejected(400, "invalid_request", r -> r.body("[]").put("/chats/{c}/messages/{m}", chatId, messageId));
        rejected(400, "invalid_request", r -> r.body("").put("/chats/{c}/messages/{m}", chatId, newId()));
        rejected(400, "invalid_request", r -> r.body("{\"role\": \"robot\", \"content\": \"x\"}")
                .put("/chats/{c}/messages/{m}", chatId, messageId));
        rejected(400, "invalid_request", r -> r.body("{\"content\": \"x\"}").patch("/chats/{c}/messages/{m}", chatId, messageId));
        rejected(400, "invalid_request", r -> r.body("{} trailing").put("/chats/{id}", chatId));
    }

    @Test
    void unknownPathsAndMethodsAreJsonErrors() {
        as(user).get("/nowhere").then().statusCode(404).contentType(ContentType.JSON).body("error.code", is("not_found"));
        as(user).patch("/chats").then().statusCode(405).contentType(ContentType.JSON).body("error.code", is("invalid_request"));
        as(user).contentType(ContentType.TEXT).body("title").put("/chats/{id}", chatId).then().statusCode(415)
                .contentType(ContentType.JSON);
    }

    /** The call fails with the status and code, says nothing internal, and the user's data is unchanged. */
    private void rejected(int status, String code, Function<RequestSpecification, Response> call) {
        var before = StoreSnapshot.of(mongo, user);
        long everything = StoreSnapshot.countAll(mongo);
        call.apply(as(user)).then().statusCode(status).contentType(ContentType.JSON)
                .body("error.code", is(code))
                .body("error.message", not(containsString("Exception")))
                .body(not(containsString("\tat ")));
        assertEquals(before, StoreSnapshot.of(mongo, user), "the user's data changed");
        assertEquals(everything, StoreSnapshot.countAll(mongo), "something was stored");
    }
}
