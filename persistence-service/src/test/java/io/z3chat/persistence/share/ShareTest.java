package io.z3chat.persistence.share;

import com.mongodb.client.MongoClient;
import io.quarkus.test.junit.QuarkusTest;
import io.z3chat.persistence.support.Store;
import io.z3chat.persistence.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static io.z3chat.persistence.support.Api.as;
import static io.z3chat.persistence.support.Api.newId;
import static io.z3chat.persistence.support.Api.newUser;
import static io.z3chat.persistence.support.Api.putMessage;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

@QuarkusTest
class ShareTest {

    @Inject
    MongoClient mongo;

    @Test
    void aShareIsASnapshotAnyoneWithTheLinkReadsWithoutTheOwnersDetails() {
        var owner = newUser();
        var chat = newId();
        putMessage(owner, chat, newId(), "user", "What is a monad?");
        as(owner).body(Map.of("content", "A monoid in the category of endofunctors.", "status", "complete",
                "model", "openai/gpt-4o")).patch("/chats/{c}/messages/{m}", chat, newId()).then().statusCode(201);

        String shareId = as(owner).body("{}").post("/chats/{id}/share", chat).then().statusCode(201)
                .body("createdAt", containsString("Z")).extract().path("id");
        assertEquals(16, Base64.getUrlDecoder().decode(shareId).length, "128 random bits");
        as(owner).get("/chats/{id}", chat).then().body("share.id", is(shareId));
        putMessage(owner, chat, newId(), "user", "written after sharing");

        var reader = newUser();
        var body = as(reader).get("/shared/{id}", shareId).then().statusCode(200)
                .body(not(containsString(owner)))
                .body(not(containsString(chat)))
                .body(not(containsString("written after sharing")))
                .extract().jsonPath();
        assertEquals("What is a monad?", body.getString("title"));
        assertEquals(List.of("user", "assistant"), body.getList("messages.role"));
        assertEquals("openai/gpt-4o", body.getString("messages[1].model"));
        assertEquals(Set.of("role", "content", "timestamp", "model"), body.getMap("messages[1]").keySet());
        assertEquals(Set.of("title", "sharedAt", "messages", "hasMore"), body.getMap("").keySet());

        // Sharing again keeps the link and takes a new snapshot.
        as(owner).body("{}").post("/chats/{id}/share", chat).then().statusCode(200).body("id", is(shareId));
        as(reader).get("/shared/{id}", shareId).then().body("messages.content", org.hamcrest.Matchers.hasItem("written after sharing"));
    }

    @Test
    void revokingOrDeletingTheChatEndsTheLinkAndRestoreDoesNotBringItBack() {
        var owner = newUser();
        var revoked = chatWith(owner);
        String first = share(owner, revoked);
        as(owner).delete("/chats/{id}/share", revoked).then().statusCode(204);
        as(newUser()).get("/shared/{id}", first).then().statusCode(404).body("error.code", is("not_found"));
        assertNotEquals(first, share(owner, revoked), "a new link after a revoke");

        var deleted = chatWith(owner);
        String link = share(owner, deleted);
        as(owner).delete("/chats/{id}", deleted).then().statusCode(204);
        as(newUser()).get("/shared/{id}", link).then().statusCode(404);
        as(owner).post("/chats/{id}/restore", deleted).then().statusCode(200);
        as(newUser()).get("/shared/{id}", link).then().statusCode(404);
    }

    @Test
    void anExpiredLinkIsGoneAndAnExpiryMustBeInTheFuture() {
        var owner = newUser();
        var chat = chatWith(owner);
        as(owner).body(Map.of("expiresAt", "2020-01-01T00:00:00Z")).post("/chats/{id}/share", chat).then()
                .statusCode(400).body("error.code", is("invalid_request"));
        String link = as(owner).body(Map.of("expiresAt", "2099-01-01T00:00:00Z")).post("/chats/{id}/share", chat)
                .then().statusCode(201).body("expiresAt", is("2099-01-01T00:00:00.000Z")).extract().path("id");
        as(newUser()).get("/shared/{id}", link).then().statusCode(200).body("expiresAt", is("2099-01-01T00:00:00.000Z"));

        Store.setChatField(mongo, chat, "share.expiresAt", Date.from(Instant.now().minusSeconds(1)));
        as(newUser()).get("/shared/{id}", link).then().statusCode(404);
        assertNotEquals(link, share(owner, chat), "an expired link is not revived");
    }

    @Test
    void aLongSharedChatIsReadInPages() {
        var owner = newUser();
        var chat = newId();
        for (int i = 0; i < 5; i++) {
            putMessage(owner, chat, newId(), "user", "line " + i);
        }
        var link = share(owner, chat);
        var first = as(newUser()).queryParam("limit", 3).get("/shared/{id}", link).then().statusCode(200)
                .body("hasMore", is(true)).extract().jsonPath();
        assertEquals(List.of("line 0", "line 1", "line 2"), first.getList("messages.content"));
        as(newUser()).queryParam("limit", 3).queryParam("cursor", first.getString("nextCursor")).get("/shared/{id}", link)
                .then().statusCode(200).body("hasMore", is(false)).body("messages.content", is(List.of("line 3", "line 4")));
        as(newUser()).queryParam("limit", 0).get("/shared/{id}", link).then().statusCode(400);
        as(newUser()).queryParam("cursor", "junk").get("/shared/{id}", link).then().statusCode(400);
    }

    @Test
    void unknownMalformedOrNonGatewayReadsAreNotFound() {
        var owner = newUser();
        var link = share(owner, chatWith(owner));
        for (var bad : List.of("AAAAAAAAAAAAAAAAAAAAAA", "short", "has space in it here", "x".repeat(65))) {
            as(newUser()).get("/shared/{id}", bad).then().statusCode(404).body("error.code", is("not_found"));
        }
        var proxyToken = TestTokens.sign(TestTokens.claims(newUser()).issuer("llm-proxy-service"), TestTokens.TRUSTED);
        given().auth().oauth2(proxyToken).get("/shared/{id}", link).then().statusCode(404);
        given().get("/shared/{id}", link).then().statusCode(401);
    }

    @Test
    void sharingNeedsALiveChatOfOneselfAndAWellFormedBody() {
        var owner = newUser();
        var chat = chatWith(owner);
        as(newUser()).body("{}").post("/chats/{id}/share", chat).then().statusCode(404);
        as(newUser()).delete("/chats/{id}/share", chat).then().statusCode(404);
        as(owner).body(Map.of("expiresAt", "soon")).post("/chats/{id}/share", chat).then().statusCode(400);
        as(owner).body(Map.of("expiresAt", "2099-01-01T00:00:00Z", "public", true)).post("/chats/{id}/share", chat)
                .then().statusCode(400);
        as(owner).body("{}").post("/chats/{id}/share", "bad id").then().statusCode(400);
        as(owner).post("/chats/{id}/share", chat).then().statusCode(201);
    }

    private static String chatWith(String owner) {
        var chat = newId();
        putMessage(owner, chat, newId(), "user", "hello there");
        return chat;
    }

    private static String share(String owner, String chat) {
        return as(owner).body("{}").post("/chats/{id}/share", chat).then().statusCode(201).extract().path("id");
    }
}
