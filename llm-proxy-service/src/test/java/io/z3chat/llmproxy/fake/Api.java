package io.z3chat.llmproxy.fake;

import java.net.URI;
import java.util.UUID;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.z3chat.llmproxy.testing.TestTokens;

/** Small helpers to call this service as the gateway does. */
public final class Api {

    private Api() {
    }

    public static URI uri(String path) {
        return URI.create("http://localhost:" + RestAssured.port + path);
    }

    public static RequestSpecification as(String user) {
        return RestAssured.given().header("Authorization", "Bearer " + TestTokens.gateway(user));
    }

    /** A fresh id that matches the contract's pattern. */
    public static String id(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /** A fresh user, so tests never share state. */
    public static String user() {
        return "user-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    public static JsonObject generation(String chatId, String messageId, String model, String prompt) {
        return new JsonObject().put("chatId", chatId).put("messageId", messageId).put("model", model)
                .put("messages", new JsonArray()
                        .add(new JsonObject().put("role", "system").put("content", "Be brief."))
                        .add(new JsonObject().put("role", "user").put("content", prompt)));
    }

    /**
     * Starts a generation on one of the fake's scenarios for a fresh user and chat; the model is the scenario and
     * the message id, so that what the fake records for it belongs to this test alone.
     */
    public static SseClient startScenario(String scenario, String messageId) {
        return start(user(), generation(id("chat"), messageId, scenario + "#" + messageId, "Hi"));
    }

    public static SseClient start(String user, JsonObject body) {
        return SseClient.post(uri("/generations"), TestTokens.gateway(user), body.encode());
    }
}
