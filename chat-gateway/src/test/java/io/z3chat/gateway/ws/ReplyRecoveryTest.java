package io.z3chat.gateway.ws;

import static io.z3chat.gateway.ws.ChatSocketTest.closedPort;
import static io.z3chat.gateway.ws.ChatSocketTest.resume;
import static io.z3chat.gateway.ws.ChatSocketTest.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.vertx.core.json.JsonObject;
import io.z3chat.gateway.Ids;
import io.z3chat.gateway.support.Browser;
import io.z3chat.gateway.support.ChatStubs;
import io.z3chat.gateway.support.GatewayTest;
import io.z3chat.gateway.support.SocketClient;
import io.z3chat.gateway.support.Stub;
import io.z3chat.gateway.support.Stubs;

/**
 * How the send path, resume and cancel find and keep a reply: the history read beside the save, a generation found by
 * its id however many messages came after it, and a relay whose stream breaks (SPEC 4 step 7).
 */
@QuarkusTest
@GatewayTest
class ReplyRecoveryTest {

    @OidcWireMock
    WireMockServer idp;

    @Test
    void theHistoryIsReadBesideTheSaveAndTheModelIsCalledOnlyOnceTheMessageIsSaved() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("firsttoken"));
        ChatStubs.ChatState chat = ChatStubs.newChat();
        chat.messages.add(message("q1", "user", "What is 2+2?"));
        chat.messages.add(message("a1", "assistant", "4"));
        // the save is answered only after the history was read: a send that read it after the save would never ack
        chat.putWaitsForHistoryRead = true;
        String messageId = Ids.newId();
        CompletableFuture<Boolean> savedBeforeTheModel = new CompletableFuture<>();
        ChatStubs.Script reply = ChatStubs.reply("Six");
        chat.script = (state, request, generationId, response) -> {
            savedBeforeTheModel.complete(state.messages.stream().anyMatch(m -> messageId.equals(m.getString("id"))));
            reply.run(state, request, generationId, response);
        };
        try (SocketClient socket = SocketClient.open(browser)) {
            socket.send(send("f1", chat.id, messageId, "And 3+3?"));
            List<JsonObject> frames = socket.until("done");
            assertEquals(List.of("ack", "start", "delta", "done"), frames.stream().map(f -> f.getString("type")).toList());
        }
        assertTrue(savedBeforeTheModel.join(), "the user message was saved before the model was called");
        JsonObject request = Stubs.llmProxy().calls("POST", "/generations").stream()
                .filter(c -> chat.id.equals(c.json().getString("chatId"))).findFirst().orElseThrow().json();
        assertEquals(List.of("What is 2+2?", "4", "And 3+3?"), request.getJsonArray("messages").stream()
                .map(m -> ((JsonObject) m).getString("content")).toList(), "the history, ending with the new message");
    }

    @Test
    void resumeAndCancelFindAGenerationBehindManyNewerMessages() throws Exception {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("deepresume"));
        ChatStubs.ChatState chat = ChatStubs.newChat();
        String generationId = ChatStubs.newGenerationId();
        String messageId = Ids.newId();
        chat.addStreaming(messageId, generationId, "Hello", Stubs.llmProxy().url());
        for (int i = 0; i < 25; i++) {
            chat.messages.add(message(Ids.newId(), i % 2 == 0 ? "user" : "assistant", "later " + i));
        }
        ChatStubs.FOLLOW.put(generationId, (state, request, id, response) -> {
            Stub.startSse(response);
            Stub.event(response, ChatStubs.start(id, chat.id, messageId));
            Stub.event(response, ChatStubs.delta(id, 5, " again"));
            Stub.event(response, ChatStubs.done(id, messageId, "complete"));
            response.end();
        });
        CompletableFuture<Void> cancelled = new CompletableFuture<>();
        ChatStubs.CANCELS.put(generationId, cancelled);
        try (SocketClient socket = SocketClient.open(browser)) {
            socket.send(resume(chat.id, generationId, 5));
            List<JsonObject> frames = socket.until("done");
            assertEquals(" again", frames.get(1).getString("text"));
            socket.send(new JsonObject().put("type", "cancel").put("generationId", generationId).put("chatId", chat.id));
            cancelled.get(10, TimeUnit.SECONDS);
        }
        assertFalse(Stubs.persistence().calls("GET", "/chats/" + chat.id + "/generations/" + generationId).isEmpty(),
                "looked up by its generation id");
        assertTrue(Stubs.persistence().calls("GET", "/chats/" + chat.id + "/messages").isEmpty(),
                "no page of newest messages was scanned");
    }

    @Test
    void aStreamThatBreaksWhenItsOwnerIsGoneEndsWithTheCheckpointAndGenerationLost() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("ownergone"));
        ChatStubs.ChatState chat = ChatStubs.newChat();
        String goneOwner = "http://127.0.0.1:" + closedPort();
        chat.script = (state, request, generationId, response) -> {
            String messageId = request.getString("messageId");
            // the last checkpoint holds more than the client got before the owner died
            state.addStreaming(messageId, generationId, "Hello wor", goneOwner);
            Stub.startSse(response);
            Stub.event(response, ChatStubs.start(generationId, state.id, messageId).put("owner", goneOwner));
            Stub.event(response, ChatStubs.delta(generationId, 0, "Hello")).onComplete(ignored -> response.reset());
        };
        try (SocketClient socket = SocketClient.open(browser)) {
            socket.send(send("g1", chat.id, Ids.newId(), "Say hello"));
            List<JsonObject> frames = socket.until("error");
            assertEquals(List.of("ack", "start", "delta", "delta", "error"),
                    frames.stream().map(f -> f.getString("type")).toList());
            assertEquals(5, frames.get(3).getInteger("offset"));
            assertEquals(" wor", frames.get(3).getString("text"));
            JsonObject error = frames.get(4);
            assertEquals("generation_lost", error.getString("code"));
            assertFalse(error.getBoolean("retryable"), "a resume cannot succeed: the client must not retry it");
            assertEquals(frames.get(1).getString("generationId"), error.getString("generationId"));
        }
    }

    @Test
    void aStreamThatBreaksWhileItsOwnerLivesIsPickedUpWhereItBroke() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("ownerlives"));
        ChatStubs.ChatState chat = ChatStubs.newChat();
        chat.script = (state, request, generationId, response) -> {
            String messageId = request.getString("messageId");
            state.addStreaming(messageId, generationId, "", Stubs.llmProxy().url());
            ChatStubs.FOLLOW.put(generationId, ChatStubs.restFrom(state.id, messageId, "Hello world"));
            Stub.startSse(response);
            Stub.event(response, ChatStubs.start(generationId, state.id, messageId));
            Stub.event(response, ChatStubs.delta(generationId, 0, "Hello")).onComplete(ignored -> response.reset());
        };
        try (SocketClient socket = SocketClient.open(browser)) {
            socket.send(send("g2", chat.id, Ids.newId(), "Say hello"));
            List<JsonObject> frames = socket.until("done");
            assertEquals(List.of("ack", "start", "delta", "delta", "done"),
                    frames.stream().map(f -> f.getString("type")).toList());
            assertEquals(5, frames.get(3).getInteger("offset"));
            assertEquals("Hello world", frames.get(2).getString("text") + frames.get(3).getString("text"));
        }
        Stub.Call follow = Stubs.llmProxy().calls("GET", "/generations/.*/events").stream()
                .filter(c -> c.path().contains(chat.messages.get(1).getString("generationId"))).findFirst().orElseThrow();
        assertEquals("from=5", follow.query());
    }

    /** Over the test profile's outbound bound (65,536), under the longest reply (100,000). */
    private static final int OVER_THE_BOUND = 70_000;

    @Test
    void aFinishedReplyLongerThanTheOutboundBoundResumesWholeInBoundedDeltas() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("longresume"));
        ChatStubs.ChatState chat = ChatStubs.newChat();
        String generationId = ChatStubs.newGenerationId();
        String text = longText();
        chat.addStreaming(Ids.newId(), generationId, text, Stubs.llmProxy().url()).put("status", "complete");
        String shortOne = ChatStubs.newGenerationId();
        chat.addStreaming(Ids.newId(), shortOne, "Short", Stubs.llmProxy().url()).put("status", "complete");
        try (SocketClient socket = SocketClient.open(browser)) {
            socket.send(resume(chat.id, generationId, 10));
            List<JsonObject> frames = socket.until("done");
            assertEquals(text.substring(10), joinedDeltas(frames, 10));
            assertEquals("complete", frames.get(frames.size() - 1).getString("status"));
            socket.send(resume(chat.id, shortOne, 0));
            assertEquals(List.of("start", "delta", "done"),
                    socket.until("done").stream().map(f -> f.getString("type")).toList(),
                    "the socket is still open: it was not cut off as too slow");
        }
    }

    @Test
    void aLongCheckpointOfALostGenerationComesInBoundedDeltasBeforeGenerationLost() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("longlost"));
        ChatStubs.ChatState chat = ChatStubs.newChat();
        String generationId = ChatStubs.newGenerationId();
        String text = longText();
        chat.addStreaming(Ids.newId(), generationId, text, "http://127.0.0.1:" + closedPort());
        try (SocketClient socket = SocketClient.open(browser)) {
            socket.send(resume(chat.id, generationId, 0));
            List<JsonObject> frames = socket.until("error");
            assertEquals(text, joinedDeltas(frames, 0));
            assertEquals("generation_lost", frames.get(frames.size() - 1).getString("code"));
        }
    }

    @Test
    void aLargeDeltaFromTheOwnerIsRelayedInBoundedDeltas() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("bigdelta"));
        ChatStubs.ChatState chat = ChatStubs.newChat();
        String generationId = ChatStubs.newGenerationId();
        String messageId = Ids.newId();
        String text = longText().substring(0, 30_000);
        chat.addStreaming(messageId, generationId, "", Stubs.llmProxy().url());
        ChatStubs.FOLLOW.put(generationId, (state, request, id, response) -> {
            Stub.startSse(response);
            Stub.event(response, ChatStubs.start(id, chat.id, messageId));
            Stub.event(response, ChatStubs.delta(id, 0, text));
            Stub.event(response, ChatStubs.done(id, messageId, "complete"));
            response.end();
        });
        try (SocketClient socket = SocketClient.open(browser)) {
            socket.send(resume(chat.id, generationId, 0));
            assertEquals(text, joinedDeltas(socket.until("done"), 0));
        }
    }

    /** Joins the deltas, checking each joins the last and carries at most 8,192 units, never half a surrogate pair. */
    private static String joinedDeltas(List<JsonObject> frames, int from) {
        StringBuilder text = new StringBuilder();
        int deltas = 0;
        for (JsonObject frame : frames) {
            if ("delta".equals(frame.getString("type"))) {
                String piece = frame.getString("text");
                assertEquals(from + text.length(), frame.getInteger("offset"), "deltas join without gap");
                assertTrue(piece.length() <= 8192, "a bounded delta: " + piece.length());
                assertFalse(Character.isHighSurrogate(piece.charAt(piece.length() - 1)), "a pair is never split");
                text.append(piece);
                deltas++;
            }
        }
        assertTrue(deltas > 1, "more than one delta");
        return text.toString();
    }

    /** A reply over the bound, with an emoji across every 8,192-unit boundary a naive cut would split. */
    private static String longText() {
        StringBuilder text = new StringBuilder();
        while (text.length() < OVER_THE_BOUND) {
            text.append("word ".repeat(1638)).append("x🎉");
        }
        return text.toString();
    }

    private static JsonObject message(String id, String role, String content) {
        return new JsonObject().put("id", id).put("role", role).put("content", content).put("status", "complete");
    }
}
