package io.z3chat.gateway.ws;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.vertx.core.json.JsonObject;
import io.z3chat.gateway.Ids;
import io.z3chat.gateway.support.Browser;
import io.z3chat.gateway.support.ChatStubs;
import io.z3chat.gateway.support.GatewayTest;
import io.z3chat.gateway.support.Idp;
import io.z3chat.gateway.testing.Metrics;
import io.z3chat.gateway.support.SocketClient;
import io.z3chat.gateway.support.Stub;
import io.z3chat.gateway.support.Stubs;
import io.z3chat.gateway.testing.TestTokens;

@QuarkusTest
@GatewayTest
class ChatSocketTest {

    @OidcWireMock
    WireMockServer idp;

    @Test
    void upgradeNeedsASessionAndTheSiteOrigin() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("origin"));
        assertEquals(401, SocketClient.rejection(null, Browser.ORIGIN, null));
        assertEquals(403, SocketClient.rejection(browser.cookieHeader(), "https://evil.example", null));
        assertEquals(403, SocketClient.rejection(browser.cookieHeader(), null, null));
        assertEquals(101, SocketClient.rejection(browser.cookieHeader(), Browser.ORIGIN, null));
        assertEquals(101, SocketClient.rejection(null, null, Idp.accessToken(Browser.uniqueEmail("api"))));
        assertEquals(403, SocketClient.rejection(null, null, Idp.accessToken(null)));
    }

    @Test
    void sendIsAckedOnceSavedThenTheReplyStreamsInOrder() throws Exception {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("sender"));
        ChatStubs.ChatState chat = ChatStubs.newChat();
        String messageId = Ids.newId();
        double openBefore;
        try (SocketClient socket = SocketClient.open(browser)) {
            openBefore = Metrics.socketsOpen();
            assertTrue(openBefore >= 1, "the open socket is counted");
            socket.send(send("r1", chat.id, messageId, "Hi there"));
            List<JsonObject> frames = socket.until("done");
            assertEquals("ack", frames.get(0).getString("type"));
            assertEquals("r1", frames.get(0).getString("requestId"));
            assertEquals(messageId, frames.get(0).getString("messageId"));
            JsonObject start = frames.get(1);
            assertEquals("start", start.getString("type"));
            assertNull(start.getString("owner"), "the owner replica's address stays inside");
            StringBuilder text = new StringBuilder();
            for (JsonObject delta : frames.subList(2, frames.size() - 1)) {
                assertEquals("delta", delta.getString("type"));
                assertEquals(text.length(), delta.getInteger("offset"));
                text.append(delta.getString("text"));
            }
            assertEquals("Hello world", text.toString());
            JsonObject done = frames.get(frames.size() - 1);
            assertEquals("complete", done.getString("status"));
            assertEquals(5, done.getJsonObject("usage").getInteger("totalTokens"));
        }
        Stub.Call put = Stubs.persistence().calls("PUT", "/chats/" + chat.id + "/messages/" + messageId).get(0);
        assertEquals(browser.email(), TestTokens.verifyGatewayToken(put.token(), "persistence-service").getSubject());
        assertEquals("Hi there", put.json().getString("content"));
        Stub.Call generation = Stubs.llmProxy().calls("POST", "/generations").stream()
                .filter(c -> chat.id.equals(c.json().getString("chatId"))).findFirst().orElseThrow();
        JsonObject request = generation.json();
        assertTrue(Ids.isId(request.getString("messageId")) && !messageId.equals(request.getString("messageId")));
        assertEquals("test/model", request.getString("model"));
        assertTrue(request.getString("callbackUrl").endsWith("/internal/generations/callback"));
        assertEquals("Hi there", request.getJsonArray("messages").getJsonObject(0).getString("content"));
        assertEquals(browser.email(), TestTokens.verifyGatewayToken(generation.token(), "llm-proxy-service").getSubject());
        assertTrue(Metrics.sum("z3chat_gateway_messages_sent_total{transport=\"ws\"}") >= 1, "messages sent");
        assertTrue(Metrics.sum("z3chat_gateway_time_to_first_token_seconds_count{transport=\"ws\"}") >= 1, "ttft");
        Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> Metrics.socketsOpen() < openBefore);
    }

    @Test
    void everyFrameCountsAgainstTheRequestRateAndOversizedInputIsRefused() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("flooder"));
        ChatStubs.ChatState chat = ChatStubs.newChat();
        try (SocketClient socket = SocketClient.open(browser)) {
            socket.send(send("long", chat.id, Ids.newId(), "x".repeat(32_001)));
            JsonObject tooLong = socket.next();
            assertEquals("payload_too_large", tooLong.getString("code"));
            assertEquals("long", tooLong.getString("requestId"));
            assertTrue(chat.messages.isEmpty(), "nothing saved");

            // the burst is 60 frames (test configuration): a client sending 100 at once is refused for the rest
            for (int i = 0; i < 100; i++) {
                socket.send(new JsonObject().put("type", "cancel").put("generationId", "bad"));
            }
            List<JsonObject> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 100; i++) {
                answers.add(socket.next());
            }
            List<JsonObject> limited = answers.stream().filter(f -> "rate_limited".equals(f.getString("code"))).toList();
            assertFalse(limited.isEmpty(), "frames beyond the burst are refused");
            assertTrue(limited.get(0).getBoolean("retryable") && limited.get(0).getLong("retryAfter") >= 1);
        }
        try (SocketClient socket = SocketClient.open(Browser.signIn(idp, Browser.uniqueEmail("bigframe")))) {
            socket.send(new JsonObject().put("type", "send").put("padding", "x".repeat(200 * 1024)));
            assertEquals(1009, socket.awaitClose(), "a frame over 128 KiB closes the socket (message too big)");
        }
    }

    @Test
    void noAckWhenTheMessageCannotBeSaved() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("unsaved"));
        ChatStubs.ChatState chat = ChatStubs.newChat();
        chat.putStatus = 503;
        try (SocketClient socket = SocketClient.open(browser)) {
            socket.send(send("r2", chat.id, Ids.newId(), "lost?"));
            JsonObject error = socket.next();
            assertEquals("error", error.getString("type"));
            assertEquals("r2", error.getString("requestId"));
            assertEquals("unavailable", error.getString("code"));
            assertTrue(error.getBoolean("retryable"));
            socket.send(send("r3", "bad id!", Ids.newId(), "x"));
            JsonObject invalid = socket.next();
            assertEquals("invalid_request", invalid.getString("code"));
            assertEquals("r3", invalid.getString("requestId"));
        }
        assertTrue(Stubs.llmProxy().calls("POST", "/generations").stream()
                .noneMatch(c -> chat.id.equals(c.json().getString("chatId"))), "no generation without a saved message");
    }

    @Test
    void theUsersOtherSocketsOnTheChatSeeTheReplyAndNobodyElseDoes() {
        Browser user = Browser.signIn(idp, Browser.uniqueEmail("tabs"));
        Browser stranger = Browser.signIn(idp, Browser.uniqueEmail("stranger"));
        ChatStubs.ChatState chat = ChatStubs.newChat();
        String earlier = ChatStubs.newGenerationId();
        chat.addStreaming(Ids.newId(), earlier, "Earlier reply", Stubs.llmProxy().url()).put("status", "complete");
        try (SocketClient a = SocketClient.open(user); SocketClient b = SocketClient.open(user);
                SocketClient c = SocketClient.open(stranger)) {
            // b and c look at the chat (a resume of a finished reply comes from persistence)
            b.send(resume(chat.id, earlier, 8));
            List<JsonObject> replay = b.until("done");
            assertEquals("start", replay.get(0).getString("type"));
            assertEquals(8, replay.get(1).getInteger("offset"));
            assertEquals("reply", replay.get(1).getString("text"));
            c.send(resume(chat.id, earlier, 0));
            c.until("done");

            a.send(send("r4", chat.id, Ids.newId(), "hello from tab a"));
            List<JsonObject> seenByA = a.until("done");
            List<JsonObject> seenByB = b.until("done");
            assertEquals(seenByA.subList(1, seenByA.size()), seenByB, "b sees the same events (not a's ack)");

            c.send(new JsonObject().put("type", "bogus"));
            assertEquals("error", c.next().getString("type"), "nothing of the user's reply reached the stranger");
        }
    }

    @Test
    void theUsersSocketsNotOnTheChatAreToldAReplyStartedAndCanResumeItFromTheStart() {
        Browser user = Browser.signIn(idp, Browser.uniqueEmail("newtab"));
        Browser stranger = Browser.signIn(idp, Browser.uniqueEmail("outsider"));
        ChatStubs.ChatState chat = ChatStubs.newChat();
        CompletableFuture<Void> finish = new CompletableFuture<>();
        // the reply is not in persistence yet when the other tab asks (llm-proxy's first checkpoint goes out beside
        // the upstream request): the gateway follows the owner it learned from the start
        chat.script = (state, request, generationId, response) -> {
            String messageId = request.getString("messageId");
            ChatStubs.FOLLOW.put(generationId, ChatStubs.restFrom(state.id, messageId, "Hello world"));
            Stub.startSse(response);
            Stub.event(response, ChatStubs.start(generationId, state.id, messageId));
            Stub.event(response, ChatStubs.delta(generationId, 0, "Hello"));
            finish.thenRun(() -> Stubs.vertx().runOnContext(ignored -> {
                Stub.event(response, ChatStubs.delta(generationId, 5, " world"));
                Stub.event(response, ChatStubs.done(generationId, messageId, "complete"));
                response.end();
            }));
        };
        try (SocketClient a = SocketClient.open(user); SocketClient b = SocketClient.open(user);
                SocketClient c = SocketClient.open(stranger)) {
            String messageId = Ids.newId();
            a.send(send("n1", chat.id, messageId, "first message of a new chat"));
            List<JsonObject> seenByA = new ArrayList<>(a.until("delta"));
            JsonObject start = seenByA.stream().filter(f -> "start".equals(f.getString("type"))).findFirst().orElseThrow();

            JsonObject started = b.next();
            assertEquals("started", started.getString("type"));
            assertEquals(chat.id, started.getString("chatId"));
            assertEquals(start.getString("generationId"), started.getString("generationId"));
            assertEquals(start.getString("messageId"), started.getString("messageId"));
            assertEquals("test/model", started.getString("model"));
            assertNull(started.getString("owner"), "the owner replica's address stays inside");

            b.send(resume(chat.id, started.getString("generationId"), 0));
            List<JsonObject> followed = b.until("done");
            assertEquals(List.of("start", "delta", "done"), followed.stream().map(f -> f.getString("type")).toList());
            assertEquals(0, followed.get(1).getInteger("offset"));
            assertEquals("Hello world", followed.get(1).getString("text"));
            finish.complete(null);
            seenByA.addAll(a.until("done"));
            assertEquals("complete", seenByA.get(seenByA.size() - 1).getString("status"));
            assertTrue(seenByA.stream().noneMatch(f -> "started".equals(f.getString("type"))),
                    "the sender follows the chat: it gets the reply itself, not the news of it");

            c.send(new JsonObject().put("type", "bogus"));
            assertEquals("error", c.next().getString("type"), "another user's socket is told nothing");
        }
    }

    @Test
    void cancelReachesTheOwnerAndTheReplyEndsCancelled() throws Exception {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("canceller"));
        ChatStubs.ChatState chat = ChatStubs.newChat();
        AtomicBoolean upstreamClosed = new AtomicBoolean();
        chat.script = (state, request, generationId, response) -> {
            String messageId = request.getString("messageId");
            state.addStreaming(messageId, generationId, "partial", Stubs.llmProxy().url());
            CompletableFuture<Void> cancelled = new CompletableFuture<>();
            ChatStubs.CANCELS.put(generationId, cancelled);
            Stub.startSse(response);
            Stub.event(response, ChatStubs.start(generationId, state.id, messageId));
            Stub.event(response, ChatStubs.delta(generationId, 0, "partial"));
            response.closeHandler(ignored -> upstreamClosed.set(true));
            cancelled.thenRun(() -> Stubs.vertx().runOnContext(ignored -> {
                Stub.event(response, ChatStubs.done(generationId, messageId, "cancelled"));
                response.end();
            }));
        };
        try (SocketClient socket = SocketClient.open(browser)) {
            socket.send(send("r5", chat.id, Ids.newId(), "write a long essay"));
            JsonObject start = socket.next("start");
            socket.next("delta");
            socket.send(new JsonObject().put("type", "cancel").put("generationId", start.getString("generationId")));
            JsonObject done = socket.next("done");
            assertEquals("cancelled", done.getString("status"));
        }
        Stub.Call cancel = Stubs.llmProxy().calls("DELETE", "/generations/.*").stream()
                .filter(c -> c.path().endsWith(chat.messages.get(1).getString("generationId"))).findFirst().orElseThrow();
        assertEquals(browser.email(), TestTokens.verifyGatewayToken(cancel.token(), "llm-proxy-service").getSubject());
    }

    @Test
    void resumeGetsTheRestFromTheOwnerReplicaOnAFreshSocket() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("resumer"));
        ChatStubs.ChatState chat = ChatStubs.newChat();
        String generationId = ChatStubs.newGenerationId();
        String messageId = Ids.newId();
        chat.addStreaming(messageId, generationId, "Hello wor", Stubs.llmProxy().url());
        ChatStubs.FOLLOW.put(generationId, ChatStubs.restFrom(chat.id, messageId, "Hello world, again"));
        try (SocketClient socket = SocketClient.open(browser)) {
            socket.send(resume(chat.id, generationId, 5));
            List<JsonObject> frames = socket.until("done");
            assertEquals(List.of("start", "delta", "done"), frames.stream().map(f -> f.getString("type")).toList());
            assertEquals(5, frames.get(1).getInteger("offset"));
            assertEquals("Hello" + frames.get(1).getString("text"), "Hello world, again");
        }
        Stub.Call follow = Stubs.llmProxy().calls("GET", "/generations/" + generationId + "/events").get(0);
        assertEquals("from=5", follow.query());
        assertEquals(browser.email(), follow.claims().getString("sub"));
    }

    @Test
    void resumeWhenTheOwnerIsGoneSendsTheCheckpointAndGenerationLost() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("orphan"));
        ChatStubs.ChatState chat = ChatStubs.newChat();
        String generationId = ChatStubs.newGenerationId();
        chat.addStreaming(Ids.newId(), generationId, "Hello wor", "http://127.0.0.1:" + closedPort());
        try (SocketClient socket = SocketClient.open(browser)) {
            socket.send(resume(chat.id, generationId, 3));
            List<JsonObject> frames = socket.until("error");
            JsonObject delta = frames.stream().filter(f -> "delta".equals(f.getString("type"))).findFirst().orElseThrow();
            assertEquals(3, delta.getInteger("offset"));
            assertEquals("lo wor", delta.getString("text"));
            JsonObject error = frames.get(frames.size() - 1);
            assertEquals("generation_lost", error.getString("code"));
            assertFalse(error.getBoolean("retryable"));
        }
    }

    @Test
    void aStartRefusedByADrainingLlmProxyIsAskedOnceMoreAndTheReplyStreams() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("rollout"));
        ChatStubs.ChatState chat = ChatStubs.newChat();
        chat.startRefusals.set(1);
        try (SocketClient socket = SocketClient.open(browser)) {
            socket.send(send("r1", chat.id, Ids.newId(), "during a rollout"));
            assertEquals("ack", socket.next().getString("type"));
            List<JsonObject> frames = socket.until("done");
            assertTrue(frames.stream().noneMatch(f -> "error".equals(f.getString("type"))), frames.toString());
            assertEquals("complete", frames.get(frames.size() - 1).getString("status"));
        }
        assertEquals(2, chat.starts.get(), "refused once, then taken");
    }

    @Test
    void aStartRefusedTwiceReachesTheClientAsUnavailableAndRetryableAfterTheAck() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("drained"));
        ChatStubs.ChatState chat = ChatStubs.newChat();
        chat.startRefusals.set(2);
        try (SocketClient socket = SocketClient.open(browser)) {
            socket.send(send("r2", chat.id, Ids.newId(), "every replica stopping"));
            assertEquals("ack", socket.next().getString("type"));
            JsonObject error = socket.next();
            assertEquals("error", error.getString("type"));
            assertEquals("r2", error.getString("requestId"));
            assertEquals("unavailable", error.getString("code"));
            assertTrue(error.getBoolean("retryable"));
        }
        assertEquals(2, chat.starts.get(), "asked twice, never a third time");
    }

    @Test
    void aSendOverTheUsersMessageLimitGetsARetryableErrorWithRetryAfterAndNoReply() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("chatty"));
        ChatStubs.ChatState chat = ChatStubs.newChat();
        chat.putStatus = 429;
        double before = Metrics.sum("z3chat_gateway_rate_limited_total{limit=\"messages\"}");
        try (SocketClient socket = SocketClient.open(browser)) {
            socket.send(send("m1", chat.id, Ids.newId(), "one too many"));
            JsonObject refused = socket.next();
            assertEquals("error", refused.getString("type"));
            assertEquals("m1", refused.getString("requestId"));
            assertEquals("rate_limited", refused.getString("code"));
            assertTrue(refused.getBoolean("retryable"));
            assertEquals(42L, refused.getLong("retryAfter"));
            // nothing else came for that send (no start): the next frame answers the next one
            socket.send(new JsonObject().put("type", "no-such-frame"));
            JsonObject next = socket.next();
            assertEquals("error", next.getString("type"));
            assertNull(next.getString("requestId"));
        }
        assertTrue(chat.messages.isEmpty(), "nothing saved");
        assertEquals(before + 1, Metrics.sum("z3chat_gateway_rate_limited_total{limit=\"messages\"}"));
    }

    @Test
    void theTitleIsPushedAfterTheFirstExchangeWithAFallback() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("titled"));
        ChatStubs.ChatState chat = ChatStubs.newChat();
        ChatStubs.ChatState untitled = ChatStubs.newChat();
        untitled.titleStatus = 503;
        try (SocketClient socket = SocketClient.open(browser)) {
            socket.send(send("t1", chat.id, Ids.newId(), "Greet the world"));
            socket.next("done");
            callback(browser.email(), chat.id);
            JsonObject pushed = socket.next("chat");
            assertEquals("A generated title", pushed.getJsonObject("chat").getString("title"));
            Stub.Call put = Stubs.persistence().calls("PUT", "/chats/" + chat.id).get(0);
            assertEquals("llm", put.json().getString("titleSource"));

            socket.send(send("t2", untitled.id, Ids.newId(), "Tell me something"));
            socket.next("done");
            callback(browser.email(), untitled.id);
            assertEquals("Auto title", socket.next("chat").getJsonObject("chat").getString("title"));
            assertTrue(Stubs.persistence().calls("PUT", "/chats/" + untitled.id).isEmpty());
        }
    }

    @Test
    void aGeneratedTitleReachesPersistenceAsTheModelWroteIt() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("rawtitle"));
        ChatStubs.ChatState chat = ChatStubs.newChat();
        String asProduced = "Title: \"**Trip to Lisbon.**\"\nSome explanation";
        chat.titleAnswer = new JsonObject().put("title", asProduced);
        try (SocketClient socket = SocketClient.open(browser)) {
            socket.send(send("t1", chat.id, Ids.newId(), "Plan a trip"));
            socket.next("done");
            callback(browser.email(), chat.id);
            socket.next("chat");
            Stub.Call put = Stubs.persistence().calls("PUT", "/chats/" + chat.id).get(0);
            assertEquals(asProduced, put.json().getString("title"), "persistence cleans titles, the gateway does not");
            assertEquals("llm", put.json().getString("titleSource"));
        }
    }

    @Test
    void aStalledClientIsDisconnectedWhileTheGenerationGoesOn() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("stalled"));
        ChatStubs.ChatState chat = ChatStubs.newChat();
        AtomicBoolean released = new AtomicBoolean();
        AtomicInteger deltas = new AtomicInteger();
        chat.script = ChatStubs.flood(released, deltas);
        double before = Metrics.slowConsumersDisconnected("ws");
        SocketClient socket = SocketClient.open(browser);
        try {
            socket.send(send("s1", chat.id, Ids.newId(), "flood me"));
            socket.next("ack");
            socket.pause();
            Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() -> Metrics.slowConsumersDisconnected("ws") > before);
            Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).untilTrue(released);
            socket.resume();
            assertEquals(1013, socket.awaitClose());
        } finally {
            socket.close();
        }
        assertTrue(Stubs.llmProxy().calls("DELETE", "/generations/.*").stream()
                .noneMatch(c -> c.path().contains(chat.messages.get(1).getString("generationId"))),
                "the generation was not cancelled: llm-proxy goes on and saves the reply");
        assertTrue(deltas.get() < ChatStubs.FLOOD_LIMIT, "the gateway let go of the stream");
    }

    static void callback(String user, String chatId) {
        given().auth().oauth2(TestTokens.callbackToken(user)).contentType("application/json")
                .body(new JsonObject().put("generationId", ChatStubs.newGenerationId()).put("chatId", chatId)
                        .put("messageId", Ids.newId()).put("status", "complete").encode())
                .post("/internal/generations/callback").then().statusCode(204);
    }

    static JsonObject send(String requestId, String chatId, String messageId, String content) {
        return new JsonObject().put("type", "send").put("requestId", requestId).put("chatId", chatId)
                .put("message", new JsonObject().put("id", messageId).put("content", content)).put("model", "test/model");
    }

    static JsonObject resume(String chatId, String generationId, int offset) {
        return new JsonObject().put("type", "resume").put("chatId", chatId).put("generationId", generationId)
                .put("offset", offset);
    }

    static int closedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
