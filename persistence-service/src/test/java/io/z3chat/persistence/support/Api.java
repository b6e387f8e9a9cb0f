package io.z3chat.persistence.support;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.z3chat.persistence.common.Ids;
import io.z3chat.persistence.testing.TestTokens;

import java.util.Map;

import static io.restassured.RestAssured.given;

/** Requests as a given user, and the few calls most tests start from. */
public final class Api {

    private Api() {
    }

    /** A user of its own for each test, so tests never see each other's data. */
    public static String newUser() {
        return "user-" + Ids.nanoid().toLowerCase() + "@example.com";
    }

    public static String newId() {
        return Ids.nanoid();
    }

    public static RequestSpecification as(String user) {
        return given().auth().oauth2(TestTokens.forUser(user)).contentType(ContentType.JSON);
    }

    /** Creates a chat by storing its first user message; returns nothing, the ids are the caller's. */
    public static void putMessage(String user, String chatId, String messageId, String role, String content) {
        as(user).body(Map.of("role", role, "content", content))
                .put("/chats/{c}/messages/{m}", chatId, messageId)
                .then().statusCode(201);
    }

    public static String createChat(String user) {
        return as(user).body("{}").post("/chats").then().statusCode(201).extract().path("id");
    }
}
