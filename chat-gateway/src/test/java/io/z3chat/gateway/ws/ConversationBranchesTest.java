package io.z3chat.gateway.ws;

import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import io.z3chat.gateway.Ids;
import io.z3chat.gateway.support.Browser;
import io.z3chat.gateway.support.ChatStubs;
import io.z3chat.gateway.support.GatewayTest;
import io.z3chat.gateway.support.SocketClient;
import io.z3chat.gateway.support.Stub;
import io.z3chat.gateway.support.Stubs;
import io.z3chat.gateway.testing.Metrics;

/**
 * Conversation branches over the socket and the browser API: an edit ({@code send} with {@code editOf}) and a
 * {@code regenerate} make new versions in persistence and generate under them with only the selected path as history,
 * {@code PUT /api/chat/{id}/selection} switches, and every one of them is the signed-in user's own.
 */
@QuarkusTest
@GatewayTest
class ConversationBranchesTest {

    @OidcWireMock
    WireMockServer idp;

    /** A chat of the user's with two exchanges: q1, a1, q2, a2 (ids in that order). */
    private record TwoExchanges(ChatStubs.ChatState chat, List<String> ids) {
    }

    private TwoExchanges twoExchanges(Browser browser, SocketClient socket) {
        ChatStubs.ChatState chat = ChatStubs.newChat();
        chat.owner = browser.email();
        String q1 = Ids.newId();
        String q2 = Ids.newId();
        chat.script = ChatStubs.reply("answer one");
        socket.send(ChatSocketTest.send("s1", chat.id, q1, "question one"));
        String a1 = socket.next("start").getString("messageId");
        socket.next("done");
        chat.script = ChatStubs.reply("answer two");
        socket.send(ChatSocketTest.send("s2", chat.id, q2, "question two"));
        String a2 = socket.next("start").getString("messageId");
        socket.next("done");
        return new TwoExchanges(chat, List.of(q1, a1, q2, a2));
    }

    @Test
    void anEditIsANewVersionOfTheMessageAndItsReplyIsGeneratedFromTheSelectedPathOnly() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("editor"));
        try (SocketClient socket = SocketClient.open(browser)) {
            TwoExchanges made = twoExchanges(browser, socket);
            String q2 = made.ids().get(2);
            String edited = Ids.newId();
            made.chat().script = ChatStubs.reply("answer to the edit");
            socket.send(edit("e1", made.chat().id, q2, edited, "question two, edited"));
            List<JsonObject> frames = socket.until("done");
            assertEquals("ack", frames.get(0).getString("type"));
            assertEquals("e1", frames.get(0).getString("requestId"));
            assertEquals(edited, frames.get(0).getString("messageId"));
            String reply = frames.get(1).getString("messageId");
            assertEquals("start", frames.get(1).getString("type"));
            assertEquals("complete", frames.get(frames.size() - 1).getString("status"));

            Stub.Call version = Stubs.persistence()
                    .calls("POST", "/chats/" + made.chat().id + "/messages/" + q2 + "/versions").get(0);
            assertEquals(new JsonObject().put("id", edited).put("content", "question two, edited").put("model", "test/model"),
                    version.json());
            assertEquals(browser.email(), version.claims().getString("sub"));
            assertEquals(List.of("user: question one", "assistant: answer one", "user: question two, edited"),
                    historyOf(reply), "the old version and its reply are not the model's history");

            // the page passes the versions through: the edit is version 2 of 2, the path ends with its reply
            JsonPath page = browser.api().get("/api/chat/" + made.chat().id).then().statusCode(200).extract().jsonPath();
            assertEquals(List.of(made.ids().get(0), made.ids().get(1), edited, reply), page.getList("messages.id"));
            assertEquals(2, page.getInt("messages[2].version"));
            assertEquals(2, page.getInt("messages[2].versions"));
            assertEquals(q2, page.getString("messages[2].previousVersionId"));
            assertNull(page.get("messages[2].nextVersionId"));
            assertNull(page.get("messages[0].version"), "a message without siblings carries no version fields");
            assertEquals(1, page.getInt("chat.selectionVersion"));
        }
    }

    @Test
    void anEditOfAVersionOffTheSelectedPathStillGetsItsOwnPathAsHistory() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("reeditor"));
        try (SocketClient socket = SocketClient.open(browser)) {
            TwoExchanges made = twoExchanges(browser, socket);
            String q2 = made.ids().get(2);
            socket.send(edit("e2", made.chat().id, q2, Ids.newId(), "second version"));
            socket.next("done");
            // q2 is off the selected path now: the page around it is refused, so the one around the new version serves
            String third = Ids.newId();
            made.chat().script = ChatStubs.reply("third answer");
            socket.send(edit("e3", made.chat().id, q2, third, "third version"));
            assertEquals(third, socket.next("ack").getString("messageId"));
            String reply = socket.next("start").getString("messageId");
            socket.next("done");
            assertEquals(List.of("user: question one", "assistant: answer one", "user: third version"), historyOf(reply));
        }
    }

    @Test
    void aRegenerateIsANewVersionOfTheReplyThatStreamsAndResumesLikeAnyReply() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("regenerator"));
        try (SocketClient socket = SocketClient.open(browser); SocketClient otherTab = SocketClient.open(browser)) {
            TwoExchanges made = twoExchanges(browser, socket);
            String chatId = made.chat().id;
            String a2 = made.ids().get(3);
            made.chat().script = ChatStubs.reply("another ", "answer two");
            socket.send(regenerate("g1", chatId, a2, "other/model"));
            List<JsonObject> frames = socket.until("done");
            JsonObject ack = frames.get(0);
            assertEquals("ack", ack.getString("type"));
            assertEquals("g1", ack.getString("requestId"));
            String replyId = ack.getString("messageId");
            assertTrue(Ids.isId(replyId) && !made.ids().contains(replyId), "a fresh reply id");
            JsonObject start = frames.get(1);
            assertEquals(replyId, start.getString("messageId"));
            assertEquals("complete", frames.get(frames.size() - 1).getString("status"));

            Stub.Call version = Stubs.persistence().calls("POST", "/chats/" + chatId + "/messages/" + a2 + "/versions")
                    .get(0);
            assertEquals(new JsonObject().put("id", replyId).put("model", "other/model"), version.json(),
                    "no content: the generation writes the new reply");
            JsonObject generation = generationOf(replyId);
            assertEquals("other/model", generation.getString("model"));
            assertEquals(List.of("user: question one", "assistant: answer one", "user: question two"),
                    historyOf(replyId), "history ends with the message the reply answers");

            // another tab resumes the regenerated reply by its generation, as any reply
            otherTab.send(ChatSocketTest.resume(chatId, start.getString("generationId"), 8));
            List<JsonObject> resumed = otherTab.until("done").stream()
                    .filter(f -> !"started".equals(f.getString("type"))).toList();
            assertEquals(List.of("start", "delta", "done"), resumed.stream().map(f -> f.getString("type")).toList());
            assertEquals(replyId, resumed.get(0).getString("messageId"));
            assertEquals("answer two", resumed.get(1).getString("text"));

            JsonPath page = browser.api().get("/api/chat/" + chatId).then().statusCode(200).extract().jsonPath();
            assertEquals(List.of(made.ids().get(0), made.ids().get(1), made.ids().get(2), replyId),
                    page.getList("messages.id"));
            assertEquals(2, page.getInt("messages[3].version"));
            assertEquals(a2, page.getString("messages[3].previousVersionId"));

            // without a model, the replaced reply's is used
            made.chat().script = ChatStubs.reply("third answer two");
            socket.send(regenerate("g2", chatId, replyId, null));
            String third = socket.next("ack").getString("messageId");
            socket.next("done");
            assertEquals("test/model", generationOf(third).getString("model"));
            assertEquals("test/model", Stubs.persistence()
                    .calls("POST", "/chats/" + chatId + "/messages/" + replyId + "/versions").get(0).json()
                    .getString("model"));
        }
    }

    @Test
    void aRegeneratedReplyCanBeCancelled() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("regencancel"));
        try (SocketClient socket = SocketClient.open(browser)) {
            TwoExchanges made = twoExchanges(browser, socket);
            made.chat().script = (state, request, generationId, response) -> {
                String messageId = request.getString("messageId");
                state.addStreaming(messageId, generationId, "partial", Stubs.llmProxy().url());
                CompletableFuture<Void> cancelled = new CompletableFuture<>();
                ChatStubs.CANCELS.put(generationId, cancelled);
                Stub.startSse(response);
                Stub.event(response, ChatStubs.start(generationId, state.id, messageId));
                Stub.event(response, ChatStubs.delta(generationId, 0, "partial"));
                cancelled.thenRun(() -> Stubs.vertx().runOnContext(ignored -> {
                    Stub.event(response, ChatStubs.done(generationId, messageId, "cancelled"));
                    response.end();
                }));
            };
            socket.send(regenerate("g3", made.chat().id, made.ids().get(3), "test/model"));
            JsonObject start = socket.next("start");
            socket.next("delta");
            socket.send(new JsonObject().put("type", "cancel").put("generationId", start.getString("generationId"))
                    .put("chatId", made.chat().id));
            assertEquals("cancelled", socket.next("done").getString("status"));
        }
    }

    @Test
    void aSwitchSelectsAVersionAnswersItsPageAndTellsTheUsersOtherSockets() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("switcher"));
        // reader: another tab of the user that only shows the chat (it never sent or resumed there)
        try (SocketClient socket = SocketClient.open(browser); SocketClient reader = SocketClient.open(browser)) {
            TwoExchanges made = twoExchanges(browser, socket);
            String chatId = made.chat().id;
            String q2 = made.ids().get(2);
            String edited = Ids.newId();
            socket.send(edit("e4", chatId, q2, edited, "question two, edited"));
            socket.next("done");

            JsonPath page = browser.api().body(new JsonObject().put("messageId", q2).put("selectionVersion", 1).encode())
                    .put("/api/chat/" + chatId + "/selection?limit=10").then().statusCode(200).extract().jsonPath();
            assertEquals(made.ids(), page.getList("messages.id"), "the old version and the newest path under it");
            assertEquals(1, page.getInt("messages[2].version"));
            assertEquals(2, page.getInt("messages[2].versions"));
            assertEquals(edited, page.getString("messages[2].nextVersionId"));
            assertEquals(2, page.getInt("chat.selectionVersion"));
            assertEquals("limit=10", Stubs.persistence().calls("PUT", "/chats/" + chatId + "/selection").get(0).query());
            JsonObject told = socket.next("chat");
            assertEquals(2, told.getJsonObject("chat").getInteger("selectionVersion"));
            JsonObject toldReader = reader.next("chat");
            assertEquals(chatId, toldReader.getJsonObject("chat").getString("id"));
            assertEquals(2, toldReader.getJsonObject("chat").getInteger("selectionVersion"));

            // a stale selectionVersion is persistence's 409, passed on
            browser.api().body(new JsonObject().put("messageId", edited).put("selectionVersion", 1).encode())
                    .put("/api/chat/" + chatId + "/selection").then().statusCode(409)
                    .body("error.code", is("version_conflict"));

            // a send now answers the selected (old) path
            made.chat().script = ChatStubs.reply("on the old path");
            socket.send(ChatSocketTest.send("s3", chatId, Ids.newId(), "follow-up"));
            String reply = socket.next("start").getString("messageId");
            socket.next("done");
            assertEquals(List.of("user: question one", "assistant: answer one", "user: question two",
                    "assistant: answer two", "user: follow-up"), historyOf(reply));
        }
    }

    @Test
    void theSwitchIsCsrfCheckedAndABadBodyIsRefusedBeforeAnyDownstreamCall() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("switchguard"));
        ChatStubs.ChatState chat = ChatStubs.newChat();
        chat.owner = browser.email();
        String body = new JsonObject().put("messageId", Ids.newId()).encode();
        browser.request().contentType("application/json").body(body).put("/api/chat/" + chat.id + "/selection")
                .then().statusCode(403).body("error.code", is("forbidden"));
        for (String bad : List.of("{}", "{\"messageId\":\"no!\"}", "{\"messageId\":12345678}", "[]", "not json",
                "{\"messageId\":\"" + Ids.newId() + "\",\"selectionVersion\":\"one\"}")) {
            browser.api().body(bad).put("/api/chat/" + chat.id + "/selection").then().statusCode(400)
                    .body("error.code", is("invalid_request"));
        }
        browser.api().body(body).put("/api/chat/bad!id/selection").then().statusCode(400);
        assertTrue(Stubs.persistence().calls("PUT", "/chats/" + chat.id + "/selection").isEmpty());
        browser.api().body(body).put("/api/chat/" + chat.id + "/selection").then().statusCode(404)
                .body("error.code", is("not_found"));
    }

    @Test
    void anotherUserCanNeitherEditNorRegenerateNorSwitchInTheChat() {
        Browser owner = Browser.signIn(idp, Browser.uniqueEmail("owner"));
        Browser intruder = Browser.signIn(idp, Browser.uniqueEmail("intruder"));
        TwoExchanges made;
        try (SocketClient socket = SocketClient.open(owner)) {
            made = twoExchanges(owner, socket);
        }
        String chatId = made.chat().id;
        int stored = made.chat().messages.size();
        int starts = made.chat().starts.get();
        try (SocketClient socket = SocketClient.open(intruder)) {
            socket.send(edit("x1", chatId, made.ids().get(2), Ids.newId(), "mine now"));
            JsonObject refused = socket.next();
            assertEquals("error", refused.getString("type"));
            assertEquals("x1", refused.getString("requestId"));
            assertEquals("not_found", refused.getString("code"));
            socket.send(regenerate("x2", chatId, made.ids().get(3), "test/model"));
            JsonObject refusedToo = socket.next();
            assertEquals("x2", refusedToo.getString("requestId"));
            assertEquals("not_found", refusedToo.getString("code"));
            socket.send(regenerate("x3", chatId, made.ids().get(3), null));
            assertEquals("not_found", socket.next().getString("code"));
        }
        intruder.api().body(new JsonObject().put("messageId", made.ids().get(1)).encode())
                .put("/api/chat/" + chatId + "/selection").then().statusCode(404).body("error.code", is("not_found"));
        assertEquals(stored, made.chat().messages.size(), "nothing stored");
        assertEquals(starts, made.chat().starts.get(), "nothing generated");
        assertEquals(0, made.chat().selectionVersion, "nothing selected");
        for (Stub.Call call : Stubs.persistence().calls("POST", "/chats/" + chatId + "/messages/.*/versions")) {
            assertEquals(intruder.email(), call.claims().getString("sub"), "asked as the intruder, never as the owner");
        }
    }

    @Test
    void badEditsAndRegeneratesGetClearErrorsAndStoreNothing() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("badversions"));
        try (SocketClient socket = SocketClient.open(browser)) {
            TwoExchanges made = twoExchanges(browser, socket);
            String chatId = made.chat().id;
            int stored = made.chat().messages.size();
            int starts = made.chat().starts.get();
            String q2 = made.ids().get(2);
            String a2 = made.ids().get(3);

            socket.send(edit("b1", chatId, a2, Ids.newId(), "edit a reply?"));
            JsonObject editOfReply = socket.next();
            assertEquals("b1", editOfReply.getString("requestId"));
            assertEquals("invalid_request", editOfReply.getString("code"));
            assertTrue(editOfReply.getString("message").contains("Only a user message can be edited"),
                    editOfReply.getString("message"));

            socket.send(regenerate("b2", chatId, q2, "test/model"));
            JsonObject regenerateOfQuestion = socket.next();
            assertEquals("b2", regenerateOfQuestion.getString("requestId"));
            assertTrue(regenerateOfQuestion.getString("message").contains("Only a reply can be regenerated"),
                    regenerateOfQuestion.getString("message"));
            socket.send(regenerate("b3", chatId, q2, null));
            assertTrue(socket.next().getString("message").contains("Only a reply can be regenerated"));

            socket.send(edit("b4", chatId, "bad id!", Ids.newId(), "x"));
            assertError(socket.next(), "b4", "invalid_request", "Invalid editOf");
            socket.send(edit("b5", chatId, q2, q2, "same id"));
            assertError(socket.next(), "b5", "invalid_request", "new message id");
            socket.send(edit("b6", chatId, q2, Ids.newId(), "x".repeat(32_001)));
            assertError(socket.next(), "b6", "payload_too_large", "longer than");
            socket.send(edit("b7", chatId, Ids.newId(), Ids.newId(), "of nothing"));
            assertError(socket.next(), "b7", "not_found", "");
            socket.send(regenerate("b8", chatId, "short", "test/model"));
            assertError(socket.next(), "b8", "invalid_request", "Invalid messageId");
            socket.send(regenerate("b9", chatId, a2, " "));
            assertError(socket.next(), "b9", "invalid_request", "model");
            socket.send(regenerate("b10", chatId, Ids.newId(), "test/model"));
            assertError(socket.next(), "b10", "not_found", "");

            assertEquals(stored, made.chat().messages.size(), "nothing stored");
            assertEquals(starts, made.chat().starts.get(), "nothing generated");
            assertTrue(socket.nothingPending());
        }
    }

    @Test
    void anEditCountsAgainstTheMessageLimit() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("editlimit"));
        try (SocketClient socket = SocketClient.open(browser)) {
            TwoExchanges made = twoExchanges(browser, socket);
            double limitedBefore = Metrics.sum("z3chat_gateway_rate_limited_total{limit=\"messages\"}");
            made.chat().putStatus = 429;
            socket.send(edit("l1", made.chat().id, made.ids().get(2), Ids.newId(), "one too many"));
            JsonObject refused = socket.next();
            assertEquals("error", refused.getString("type"), "no ack");
            assertEquals("l1", refused.getString("requestId"));
            assertEquals("rate_limited", refused.getString("code"));
            assertTrue(refused.getBoolean("retryable"));
            assertEquals(42, refused.getLong("retryAfter"));
            assertEquals(limitedBefore + 1, Metrics.sum("z3chat_gateway_rate_limited_total{limit=\"messages\"}"));
            assertEquals(4, made.chat().messages.size());
        }
    }

    private static void assertError(JsonObject frame, String requestId, String code, String says) {
        assertEquals("error", frame.getString("type"), frame.encode());
        assertEquals(requestId, frame.getString("requestId"), frame.encode());
        assertEquals(code, frame.getString("code"), frame.encode());
        assertTrue(frame.getString("message").contains(says), frame.encode());
    }

    private static JsonObject generationOf(String replyId) {
        return Stubs.llmProxy().calls("POST", "/generations").stream().map(Stub.Call::json)
                .filter(request -> replyId.equals(request.getString("messageId"))).findFirst().orElseThrow();
    }

    /** What llm-proxy was sent as history for the reply {@code replyId}, as "role: content". */
    private static List<String> historyOf(String replyId) {
        return generationOf(replyId).getJsonArray("messages").stream().map(JsonObject.class::cast)
                .map(m -> m.getString("role") + ": " + m.getString("content")).toList();
    }

    static JsonObject edit(String requestId, String chatId, String editOf, String messageId, String content) {
        return ChatSocketTest.send(requestId, chatId, messageId, content).put("editOf", editOf);
    }

    static JsonObject regenerate(String requestId, String chatId, String messageId, String model) {
        JsonObject frame = new JsonObject().put("type", "regenerate").put("requestId", requestId).put("chatId", chatId)
                .put("messageId", messageId);
        return model == null ? frame : frame.put("model", model);
    }
}
