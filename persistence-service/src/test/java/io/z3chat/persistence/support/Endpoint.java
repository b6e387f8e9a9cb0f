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

    /** The chat, message and reply generation an endpoint is aimed at, and a chat of the caller's own. */
    public record Target(String chatId, String messageId, String generationId, String ownChatId) {
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
                    .patch("/chats/{c}/messages/{m}", t.ownChatId(), t.messageId()), 404),
            new Endpoint("GET /chats/{id}/generations/{gid}", (r, t) -> r.get("/chats/{c}/generations/{g}",
                    t.chatId(), t.generationId()), 404),
            new Endpoint("GET their generation in own chat", (r, t) -> r.get("/chats/{c}/generations/{g}",
                    t.ownChatId(), t.generationId()), 404),
            // Issue 3: search, export, import, share.
            new Endpoint("GET /search", (r, t) -> r.queryParam("q", "secret").get("/search"), 200),
            new Endpoint("GET /search?chatId", (r, t) -> r.queryParam("q", "secret").queryParam("chatId", t.chatId())
                    .get("/search"), 404),
            new Endpoint("GET /export", (r, t) -> r.get("/export"), 200),
            new Endpoint("GET /chats/{id}/export", (r, t) -> r.get("/chats/{c}/export", t.chatId()), 404),
            new Endpoint("GET /chats/{id}/export?format=markdown", (r, t) -> r.queryParam("format", "markdown")
                    .get("/chats/{c}/export", t.chatId()), 404),
            // A file that names their chat: the importer gets a chat of their own with a new id, theirs is untouched.
            new Endpoint("POST /imports (their chat id)", (r, t) -> r.body(z3chatExportNaming(t.chatId(), t.messageId()))
                    .post("/imports"), 200),
            new Endpoint("POST /chats/{id}/share", (r, t) -> r.body("{}").post("/chats/{c}/share", t.chatId()), 404),
            new Endpoint("DELETE /chats/{id}/share", (r, t) -> r.delete("/chats/{c}/share", t.chatId()), 404),
            new Endpoint("GET /shared/{unknown}", (r, t) -> r.get("/shared/{s}", "AAAAAAAAAAAAAAAAAAAAAA"), 404));

    private static String z3chatExportNaming(String chatId, String messageId) {
        return "{\"format\":\"z3chat.export\",\"version\":1,\"chats\":[{\"id\":\"" + chatId + "\",\"title\":\"mine\","
                + "\"messages\":[{\"id\":\"" + messageId + "\",\"role\":\"user\",\"content\":\"an imported text\"}]}]}";
    }
}
