package io.z3chat.gateway.chat;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.z3chat.gateway.Ids;
import io.z3chat.gateway.downstream.GatewayPeers;
import io.z3chat.gateway.support.Browser;
import io.z3chat.gateway.support.ChatStubs;
import io.z3chat.gateway.support.GatewayTest;
import io.z3chat.gateway.support.SocketClient;
import io.z3chat.gateway.support.Stub;
import io.z3chat.gateway.support.Stubs;
import io.z3chat.gateway.testing.Metrics;
import io.z3chat.gateway.testing.TestTokens;

/**
 * Two tabs show the same live reply across gateway replicas: a reply started here is announced to the peers (the test
 * configuration names one stub peer), and a peer's announcement reaches the user's sockets here, never another user's.
 */
@QuarkusTest
@GatewayTest
class PeerAnnouncementTest {

    static final String PATH = "/internal/replies/started";

    @OidcWireMock
    WireMockServer idp;

    @Inject
    GatewayPeers peers;

    @Test
    void aReplyStartedHereIsToldToThePeerAsTheUserAndStreamsWhileThePeerHasNotAnswered() throws Exception {
        Browser user = Browser.signIn(idp, Browser.uniqueEmail("announcer"));
        ChatStubs.ChatState chat = ChatStubs.newChat();
        CompletableFuture<Void> answerPeer = new CompletableFuture<>();
        // the peer holds this chat's announcement until the reply has ended at the client: a relay waiting for it
        // would never get there (the peer timeout in tests is longer than the client waits)
        Stubs.peer().on("POST", PATH, (call, response) -> {
            if (chat.id.equals(call.json().getString("chatId"))) {
                answerPeer.thenRun(() -> Stubs.vertx().runOnContext(ignored -> response.setStatusCode(204).end()));
            } else {
                response.setStatusCode(204).end();
            }
        });
        double delivered = Metrics.sum("z3chat_gateway_peer_announcements_total{outcome=\"delivered\"");
        List<JsonObject> frames;
        try (SocketClient socket = SocketClient.open(user)) {
            socket.send(send(chat.id, Ids.newId()));
            frames = socket.until("done");
        } finally {
            answerPeer.complete(null);
        }
        JsonObject start = frames.stream().filter(f -> "start".equals(f.getString("type"))).findFirst().orElseThrow();
        assertEquals("complete", frames.get(frames.size() - 1).getString("status"));

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !announcementsOf(chat.id).isEmpty());
        Stub.Call told = announcementsOf(chat.id).get(0);
        assertEquals(user.email(), TestTokens.verifyGatewayToken(told.token(), "chat-gateway").getSubject());
        JsonObject body = told.json();
        assertEquals(start.getString("generationId"), body.getString("generationId"));
        assertEquals(start.getString("messageId"), body.getString("messageId"));
        assertEquals("test/model", body.getString("model"));
        assertEquals(Stubs.llmProxy().url(), body.getString("owner"), "the peer can follow the reply at its owner");
        assertEquals(peers.instanceId(), body.getString("from"));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(
                () -> Metrics.sum("z3chat_gateway_peer_announcements_total{outcome=\"delivered\"") > delivered);
        assertEquals(1, announcementsOf(chat.id).size(), "one announcement per reply and peer");
    }

    @Test
    void aPeersAnnouncementReachesEveryOneOfTheUsersSocketsHereWhichFollowTheReplyAtItsOwnerAndNoOtherUsers() {
        Browser user = Browser.signIn(idp, Browser.uniqueEmail("elsewhere"));
        Browser stranger = Browser.signIn(idp, Browser.uniqueEmail("bystander"));
        ChatStubs.ChatState chat = ChatStubs.newChat();
        String earlier = ChatStubs.newGenerationId();
        chat.addStreaming(Ids.newId(), earlier, "Earlier reply", Stubs.llmProxy().url()).put("status", "complete");
        // started on another replica: persistence does not hold it yet, its owner is known from the announcement
        String generationId = ChatStubs.newGenerationId();
        String messageId = Ids.newId();
        ChatStubs.FOLLOW.put(generationId, ChatStubs.restFrom(chat.id, messageId, "Hello from another replica"));
        try (SocketClient elsewhere = SocketClient.open(user); SocketClient following = SocketClient.open(user);
                SocketClient bystander = SocketClient.open(stranger)) {
            following.send(resume(chat.id, earlier, 0));
            following.until("done");
            bystander.send(new JsonObject().put("type", "bogus"));
            bystander.next("error");

            announce(TestTokens.internalToken("chat-gateway", "chat-gateway", user.email(), Instant.now(),
                    Instant.now().plusSeconds(120), TestTokens.PRIVATE),
                    announcement(chat.id, generationId, messageId, "another-gateway-process"))
                    .then().statusCode(204);

            JsonObject started = elsewhere.next();
            assertEquals("started", started.getString("type"));
            assertEquals(chat.id, started.getString("chatId"));
            assertEquals(generationId, started.getString("generationId"));
            assertEquals(messageId, started.getString("messageId"));
            assertEquals("test/model", started.getString("model"));
            assertNull(started.getString("owner"), "the owner replica's address stays inside");
            assertEquals(started, following.next(), "a socket following the chat here gets no frames of a reply relayed "
                    + "elsewhere, so it is told too");

            elsewhere.send(resume(chat.id, generationId, 0));
            List<JsonObject> followed = elsewhere.until("done");
            assertEquals(List.of("start", "delta", "done"), followed.stream().map(f -> f.getString("type")).toList());
            assertEquals("Hello from another replica", followed.get(1).getString("text"));

            bystander.send(new JsonObject().put("type", "bogus"));
            assertEquals("error", bystander.next().getString("type"), "another user's socket is told nothing");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "missing", "llm-proxy-callback", "wrong-audience", "other-key", "expired", "too-long-lived",
            "no-subject", "garbage" })
    void anAnnouncementWithoutAGatewaysTokenIsRefusedAndToldToNobody(String kind) {
        Browser user = Browser.signIn(idp, Browser.uniqueEmail("forged"));
        try (SocketClient socket = SocketClient.open(user)) {
            announce(token(kind, user.email()), announcement(Ids.newId(), ChatStubs.newGenerationId(), Ids.newId(), "x"))
                    .then().statusCode(401).body("error.code", is("unauthorized"));
            socket.send(new JsonObject().put("type", "bogus"));
            assertEquals("error", socket.next().getString("type"), "nothing was announced");
        }
    }

    @Test
    void anAnnouncementThisProcessSentItselfIsIgnored() {
        Browser user = Browser.signIn(idp, Browser.uniqueEmail("echo"));
        try (SocketClient socket = SocketClient.open(user)) {
            announce(gatewayToken(user.email()), announcement(Ids.newId(), ChatStubs.newGenerationId(), Ids.newId(),
                    peers.instanceId())).then().statusCode(204);
            socket.send(new JsonObject().put("type", "bogus"));
            assertEquals("error", socket.next().getString("type"), "its own sockets were told when the reply started");
        }
    }

    @Test
    void anAnnouncementThatIsNotOneIsRefusedWith400() {
        String token = gatewayToken(Browser.uniqueEmail("broken"));
        String chatId = Ids.newId();
        String generationId = ChatStubs.newGenerationId();
        for (String body : List.of("not json", "[]", "null",
                announcement("../chats", generationId, Ids.newId(), "peer").encode(),
                announcement(chatId, "", Ids.newId(), "peer").encode(),
                announcement(chatId, generationId, Ids.newId(), null).encode(),
                announcement(chatId, generationId, Ids.newId(), "peer").put("model", "bad\nmodel").encode())) {
            given().auth().oauth2(token).contentType("application/json").body(body).post(PATH)
                    .then().statusCode(400).body("error.code", is("invalid_request"));
        }
    }

    @Test
    void announcementsBeyondTheInFlightBoundAreDroppedAndCounted() {
        String chatId = Ids.newId();
        CompletableFuture<Void> answer = new CompletableFuture<>();
        Stubs.peer().on("POST", PATH, (call, response) -> {
            if (chatId.equals(call.json().getString("chatId"))) {
                answer.thenRun(() -> Stubs.vertx().runOnContext(ignored -> response.setStatusCode(204).end()));
            } else {
                response.setStatusCode(204).end();
            }
        });
        // nothing of earlier tests still open
        Awaitility.await().atMost(Duration.ofSeconds(40))
                .until(() -> Metrics.sum("z3chat_gateway_peer_announcements_in_flight ") == 0);
        String dropped = "z3chat_gateway_peer_announcements_total{outcome=\"dropped\"";
        double droppedBefore = Metrics.sum(dropped);
        Buffer body = Buffer.buffer(announcement(chatId, ChatStubs.newGenerationId(), Ids.newId(), peers.instanceId())
                .encode());
        try {
            // z3chat.peers.max-in-flight is 4 in tests, and the peer holds every one of these
            for (int i = 0; i < 6; i++) {
                peers.tell(Browser.uniqueEmail("bound"), PATH, body);
            }
            assertEquals(2, Metrics.sum(dropped) - droppedBefore, 0.0);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> announcementsOf(chatId).size() == 4);
        } finally {
            answer.complete(null);
        }
        assertFalse(announcementsOf(chatId).size() > 4, "a dropped announcement is never sent");
    }

    private static List<Stub.Call> announcementsOf(String chatId) {
        return Stubs.peer().calls("POST", PATH).stream().filter(c -> chatId.equals(c.json().getString("chatId"))).toList();
    }

    private static io.restassured.response.Response announce(String token, JsonObject body) {
        var request = given().contentType("application/json").body(body.encode());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.post(PATH);
    }

    private static JsonObject announcement(String chatId, String generationId, String messageId, String from) {
        return new JsonObject().put("chatId", chatId).put("generationId", generationId).put("messageId", messageId)
                .put("model", "test/model").put("owner", Stubs.llmProxy().url()).put("from", from);
    }

    private static String gatewayToken(String user) {
        return token("valid", user);
    }

    private static String token(String kind, String user) {
        Instant now = Instant.now();
        PrivateKey key = TestTokens.PRIVATE;
        return switch (kind) {
            case "missing" -> null;
            case "valid" -> TestTokens.internalToken("chat-gateway", "chat-gateway", user, now, now.plusSeconds(120), key);
            case "llm-proxy-callback" -> TestTokens.callbackToken(user);
            case "wrong-audience" -> TestTokens.internalToken("chat-gateway", "persistence-service", user, now,
                    now.plusSeconds(120), key);
            case "other-key" -> TestTokens.internalToken("chat-gateway", "chat-gateway", user, now, now.plusSeconds(120),
                    TestTokens.OTHER_PRIVATE);
            case "expired" -> TestTokens.internalToken("chat-gateway", "chat-gateway", user, now.minusSeconds(400),
                    now.minusSeconds(280), key);
            case "too-long-lived" -> TestTokens.internalToken("chat-gateway", "chat-gateway", user, now,
                    now.plusSeconds(3600), key);
            case "no-subject" -> TestTokens.internalToken("chat-gateway", "chat-gateway", null, now, now.plusSeconds(120),
                    key);
            default -> "not.a.jwt";
        };
    }

    private static JsonObject send(String chatId, String messageId) {
        return new JsonObject().put("type", "send").put("requestId", "p-" + messageId).put("chatId", chatId)
                .put("message", new JsonObject().put("id", messageId).put("content", "hello, replicas")).put("model",
                        "test/model");
    }

    private static JsonObject resume(String chatId, String generationId, int offset) {
        return new JsonObject().put("type", "resume").put("chatId", chatId).put("generationId", generationId)
                .put("offset", offset);
    }
}
