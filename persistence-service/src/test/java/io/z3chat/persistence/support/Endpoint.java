package io.z3chat.persistence.support;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Every endpoint of the service, callable against some chat and message. The ownership and
 * authentication tests walk this list, so an endpoint added here (issue 3: search, export,
 * import, share) is held to both at once.
 *
 * @param strangerStatus what a user who owns nothing of the target gets
 */
public record Endpoint(String name, BiFunction<RequestSpecification, Target, Response> call, int strangerStatus) {

    /** The chat and message an endpoint is aimed at, and a chat of the caller's own. */
    public record Target(String chatId, String messageId, String ownChatId) {
    }

    public static final List<Endpoint> ALL = List.of(
            new Endpoint("GET /chats", (r, t) -> r.get("/chats"), 200),
            new Endpoint("GET /chats?q", (r, t) -> r.queryParam("q", "secret").get("/chats"), 200),
            new Endpoint("GET /chats?archived=true", (r, t) -> r.queryParam("archived", "true").get("/chats"), 200),
            // The contract answers an id taken by someone else with 409; the chat itself stays out of reach.
            new Endpoint("POST /chats (their id)", (r, t) -> r.body(Map.of("id", t.chatId())).post("/chats"), 409),
            new Endpoint("GET /chats/{id}", (r, t) -> r.get("/chats/{c}", t.chatId()), 404),
            new Endpoint("PUT /chats/{id}", (r, t) -> r.body(Map.of("title", "mine now")).put("/chats/{c}", t.chatId()), 404),
            new Endpoint("PUT /chats/{id} (llm title)", (r, t) -> r.body(Map.of("title", "mine", "titleSource", "llm"))
                    .put("/chats/{c}", t.chatId()), 404),
            new Endpoint("DELETE /chats/{id}", (r, t) -> r.delete("/chats/{c}", t.chatId()), 404),
            new Endpoint("POST /chats/{id}/restore", (r, t) -> r.post("/chats/{c}/restore", t.chatId()), 404),
            new Endpoint("GET /chats/{id}/messages", (r, t) -> r.get("/chats/{c}/messages", t.chatId()), 404),
            new Endpoint("GET /chats/{id}/messages?around", (r, t) -> r.queryParam("around", t.messageId())
                    .get("/chats/{c}/messages", t.chatId()), 404),
            new Endpoint("GET /chats/{id}/messages/{mid}", (r, t) -> r.get("/chats/{c}/messages/{m}", t.chatId(), t.messageId()), 404),
            new Endpoint("GET their message in own chat", (r, t) -> r.get("/chats/{c}/messages/{m}", t.ownChatId(), t.messageId()), 404),
            new Endpoint("PUT /chats/{id}/messages/{mid}", (r, t) -> r.body(Map.of("role", "user", "content", "overwrite"))
                    .put("/chats/{c}/messages/{m}", t.chatId(), t.messageId()), 404),
            new Endpoint("PUT new message into their chat", (r, t) -> r.body(Map.of("role", "user", "content", "hi"))
                    .put("/chats/{c}/messages/{m}", t.chatId(), "stranger-" + t.ownChatId()), 404),
            new Endpoint("PUT their message id into own chat", (r, t) -> r.body(Map.of("role", "user", "content", "steal"))
                    .put("/chats/{c}/messages/{m}", t.ownChatId(), t.messageId()), 404),
            new Endpoint("PATCH /chats/{id}/messages/{mid}", (r, t) -> r.body(Map.of("content", "overwrite", "status", "complete"))
                    .patch("/chats/{c}/messages/{m}", t.chatId(), t.messageId()), 404),
            new Endpoint("PATCH their message id in own chat", (r, t) -> r.body(Map.of("content", "x", "status", "streaming"))
                    .patch("/chats/{c}/messages/{m}", t.ownChatId(), t.messageId()), 404));
}
