package io.z3chat.local.e2e;

import io.z3chat.local.LocalStack;
import io.z3chat.local.StackConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.z3chat.local.e2e.Exchanges.appendDelta;
import static io.z3chat.local.e2e.Exchanges.awaitStatus;
import static io.z3chat.local.e2e.Exchanges.findMessage;
import static io.z3chat.local.e2e.Exchanges.freePort;
import static io.z3chat.local.e2e.Exchanges.randomId;
import static io.z3chat.local.e2e.Exchanges.readUntilDone;
import static io.z3chat.local.e2e.Exchanges.sendFrame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The three real services, started from their built artifacts with the embedded store, the
 * local OIDC provider and a fake OpenRouter: sign in through the real authorization-code flow,
 * stream a reply over a real WebSocket, drop the socket mid-stream, resume on another gateway
 * replica, end with exactly the model's text, find it saved complete; search it, export it as
 * Markdown, import a small z3chat export, share the chat and read the link signed out; let a
 * second user see none of it through any of those routes, and find it all again after the whole
 * stack restarts on the same data directory.
 */
class EndToEndIT {

    private static final Duration FRAME_TIMEOUT = Duration.ofSeconds(30);
    /** Both words are in the model's reply only; the second in another case than the reply's. */
    private static final String SEARCH_TERMS = "ünïcödé WORDS";

    private static FakeOpenRouter openRouter;
    private static LocalStack stack;
    private static int replicaPort;
    /** A gateway replica every gateway of this stack knows as a peer (GATEWAY_PEER_URLS), started by the test using it. */
    private static int peerPort;

    /** Z3CHAT_RATE_LIMIT_MESSAGES_PER_MINUTE here: new user messages per user and minute, all gateway replicas together. */
    private static final int MESSAGE_LIMIT = 6;

    @BeforeAll
    static void startStack() throws Exception {
        openRouter = new FakeOpenRouter(60);
        peerPort = freePort();
        StackConfig base = Exchanges.stackConfig("e2e", openRouter.baseUrl(),
                Map.of("Z3CHAT_RATE_LIMIT_MESSAGES_PER_MINUTE", Integer.toString(MESSAGE_LIMIT)));
        // as in production, every gateway replica gets the same list and leaves itself out
        StackConfig config = Exchanges.withServiceEnv(base, Map.of("GATEWAY_PEER_URLS",
                base.gatewayUrl() + ",http://127.0.0.1:" + peerPort));
        stack = new LocalStack(config);
        stack.start(Duration.ofMinutes(3));
        replicaPort = freePort();
        stack.startGatewayReplica(replicaPort, Duration.ofMinutes(2));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
        if (openRouter != null) {
            openRouter.close();
        }
    }

    @Test
    void replyStreamsSurvivesADroppedSocketResumesOnAnotherReplicaAndAfterAGatewayRestartAndStaysPrivate() throws Exception {
        StackConfig config = stack.config();
        openRouter.holdNext();
        BrowserSession alice = new BrowserSession(config.gatewayUrl());
        alice.signIn("Alice@Example.com");
        assertEquals("alice@example.com", alice.apiJson("/api/me").path("email").asString());

        String chatId = randomId();
        String messageId = randomId();
        ChatSocket first = alice.openSocket(config.gatewayUrl(), config.gatewayUrl());
        first.send(sendFrame("req-1", chatId, messageId, "Hello, fake model!", FakeOpenRouter.MODEL));

        JsonNode ack = first.nextOfType("ack", FRAME_TIMEOUT);
        assertEquals(messageId, ack.path("messageId").asString());
        JsonNode start = first.nextOfType("start", FRAME_TIMEOUT);
        String generationId = start.path("generationId").asString();
        String replyId = start.path("messageId").asString();
        assertFalse(generationId.isEmpty());

        StringBuilder received = new StringBuilder();
        while (received.length() < 40) {
            appendDelta(received, first.nextOfType("delta", FRAME_TIMEOUT), generationId);
        }
        first.drop();

        // the user message was saved before the model was called, and the reply is checkpointed as streaming:
        // the socket dropped mid-stream (what the client read so far says nothing about what the server had sent)
        JsonNode page = alice.apiJson("/api/chat/" + chatId);
        assertEquals("Hello, fake model!", findMessage(page, messageId).path("content").asString());
        assertEquals("streaming", findMessage(page, replyId).path("status").asString(), "the socket must drop mid-stream");

        // reconnect through another gateway replica and resume from what this client has: the rest of what the
        // model has produced so far arrives, then the reply waits (the fake model holds it in flight)
        ChatSocket second = alice.openSocket("http://127.0.0.1:" + replicaPort, config.gatewayUrl());
        second.send(Map.of("type", "resume", "chatId", chatId, "generationId", generationId, "offset", received.length()));
        while (received.length() < FakeOpenRouter.HELD_PREFIX.length()) {
            appendDelta(received, second.nextOfType("delta", FRAME_TIMEOUT), generationId);
        }
        assertEquals(FakeOpenRouter.HELD_PREFIX, received.toString());
        second.drop();

        // the gateway the user started on restarts while the reply is still in flight, and resumes it there
        stack.restartGateway(Duration.ofMinutes(2));
        ChatSocket third = alice.openSocket(config.gatewayUrl(), config.gatewayUrl());
        third.send(Map.of("type", "resume", "chatId", chatId, "generationId", generationId, "offset", received.length()));
        openRouter.release();
        JsonNode done = readUntilDone(third, received, generationId, FRAME_TIMEOUT);
        assertEquals("complete", done.path("status").asString());
        assertEquals(FakeOpenRouter.FULL_REPLY, received.toString());

        JsonNode saved = awaitStatus(alice, chatId, replyId, "complete", Duration.ofSeconds(30));
        assertEquals(FakeOpenRouter.FULL_REPLY, saved.path("content").asString());

        History history = searchExportImportAndShare(alice, chatId, messageId, replyId);

        // a second user sees none of it
        BrowserSession bob = new BrowserSession(config.gatewayUrl());
        bob.signIn("bob@example.com");
        assertEquals(0, bob.apiJson("/api/chat").path("total").asInt());
        assertEquals(404, bob.api("/api/chat/" + chatId).statusCode());
        assertEquals(404, bob.api("/api/chat/" + history.importedChatId()).statusCode());
        assertEquals(404, bob.api("/api/chat/" + chatId + "/export?format=json").statusCode());
        assertEquals(404, bob.api("/api/chat/" + chatId + "/export?format=markdown").statusCode());
        assertEquals(0, bob.apiJson("/api/search?q=" + query(SEARCH_TERMS)).path("hits").size());
        assertEquals(0, bob.apiJson("/api/search?q=" + query(history.importedMarker())).path("hits").size());
        JsonNode bobsExport = BrowserSession.JSON.readTree(bob.api("/api/export").body());
        assertEquals("z3chat.export", bobsExport.path("format").asString());
        assertEquals(0, bobsExport.path("chats").size(), "bob's export holds none of alice's chats");
        assertEquals(404, bob.send("POST", "/api/chat/" + chatId + "/share", "application/json", "{}").statusCode());
        assertEquals(404, bob.send("DELETE", "/api/chat/" + chatId + "/share", null, null).statusCode());
        assertSharedChat(config.gatewayUrl(), history.shareId(), "the link survives bob's attempt to revoke it");
        ChatSocket bobSocket = bob.openSocket(config.gatewayUrl(), config.gatewayUrl());
        bobSocket.send(Map.of("type", "resume", "chatId", chatId, "generationId", generationId, "offset", 0));
        JsonNode refused = bobSocket.next(FRAME_TIMEOUT);
        assertEquals("error", refused.path("type").asString(), "bob must not resume alice's reply: " + refused);

        // the embedded store keeps its data on disk: a restarted stack still has the whole chat
        stack.close();
        stack = new LocalStack(config);
        stack.start(Duration.ofMinutes(3));
        BrowserSession aliceAgain = new BrowserSession(config.gatewayUrl());
        aliceAgain.signIn("alice@example.com");
        JsonNode afterRestart = aliceAgain.apiJson("/api/chat/" + chatId);
        assertEquals("Hello, fake model!", findMessage(afterRestart, messageId).path("content").asString());
        JsonNode replyAfterRestart = findMessage(afterRestart, replyId);
        assertEquals("complete", replyAfterRestart.path("status").asString());
        assertEquals(FakeOpenRouter.FULL_REPLY, replyAfterRestart.path("content").asString());
        assertEquals(2, aliceAgain.apiJson("/api/chat").path("total").asInt(), "the streamed and the imported chat");
        assertSharedChat(config.gatewayUrl(), history.shareId(), "the share link outlives a restart");
    }

    /**
     * The per-user message limit holds for the sum of a user's sends through two gateway replicas, not for each
     * (persistence-service counts them in the store as it saves them): with six a minute, sends alternating between
     * the replicas are saved until six are, and the next one through either replica is refused {@code rate_limited},
     * retryable with a retry-after, and not saved. (A limit counted per replica would have taken all eight.)
     */
    @Test
    void theMessageLimitHoldsForTheSumOfAUsersSendsThroughTwoGatewayReplicas() throws Exception {
        StackConfig config = stack.config();
        int otherPort = freePort();
        stack.startGatewayReplica(otherPort, Duration.ofMinutes(2));
        try {
            BrowserSession carol = new BrowserSession(config.gatewayUrl());
            carol.signIn("carol@example.com");
            List<ChatSocket> replicas = List.of(carol.openSocket(config.gatewayUrl(), config.gatewayUrl()),
                    carol.openSocket("http://127.0.0.1:" + otherPort, config.gatewayUrl()));
            // the limit counts in fixed minutes: start with enough of this one left for the sends (a second or so)
            while (Instant.now().atZone(ZoneOffset.UTC).getSecond() > 40) {
                Thread.sleep(500);
            }
            long minute = Instant.now().getEpochSecond() / 60;
            List<String> saved = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            List<Integer> retryAfter = new ArrayList<>();
            int[] savedPerReplica = new int[2];
            for (int i = 0; i < MESSAGE_LIMIT + 2; i++) {
                int replica = i % 2;
                String chatId = randomId();
                String requestId = "limit-" + i;
                replicas.get(replica).send(sendFrame(requestId, chatId, randomId(), "Message " + i, FakeOpenRouter.MODEL));
                JsonNode answer = answerTo(replicas.get(replica), requestId);
                if (answer.path("type").asString().equals("ack")) {
                    saved.add(chatId);
                    savedPerReplica[replica]++;
                } else {
                    assertEquals("rate_limited", answer.path("code").asString(), answer.toString());
                    assertTrue(answer.path("retryable").asBoolean(), answer.toString());
                    assertTrue(answer.path("retryAfter").asInt() >= 1, answer.toString());
                    refused.add(chatId);
                    retryAfter.add(answer.path("retryAfter").asInt());
                }
            }
            assertEquals(minute, Instant.now().getEpochSecond() / 60,
                    "the sends took longer than the rest of the minute, so they fell into two windows");
            System.out.printf("two gateway replicas, limit %d a minute: %d sent, %d saved (%d + %d), %d refused "
                    + "(retry after %s s)%n", MESSAGE_LIMIT, MESSAGE_LIMIT + 2, saved.size(), savedPerReplica[0],
                    savedPerReplica[1], refused.size(), retryAfter);
            assertEquals(MESSAGE_LIMIT, saved.size(), "saved of " + (MESSAGE_LIMIT + 2));
            assertEquals(List.of(MESSAGE_LIMIT / 2, MESSAGE_LIMIT / 2), List.of(savedPerReplica[0], savedPerReplica[1]));
            assertEquals(2, refused.size());
            for (String chatId : saved) {
                assertEquals(200, carol.api("/api/chat/" + chatId).statusCode(), "a saved send made its chat");
            }
            for (String chatId : refused) {
                assertEquals(404, carol.api("/api/chat/" + chatId).statusCode(), "a refused send saved nothing");
            }
        } finally {
            stack.stop(LocalStack.GATEWAY + "-" + otherPort);
        }
    }

    /**
     * Two tabs show the same live reply across gateway replicas: the user's socket on replica B is told ({@code
     * started}) of a reply sent through replica A, which announces it to its peers, resumes it on B from offset 0 while
     * it is still in flight and ends with exactly the model's text; another user's socket on B is told nothing.
     */
    @Test
    void aReplySentThroughOneGatewayReplicaIsAnnouncedToTheUsersSocketOnAnotherWhichFollowsItToTheEnd() throws Exception {
        StackConfig config = stack.config();
        String replicaB = "http://127.0.0.1:" + peerPort;
        stack.startGatewayReplica(peerPort, Duration.ofMinutes(2));
        openRouter.holdNext();
        try {
            BrowserSession dave = new BrowserSession(config.gatewayUrl());
            dave.signIn("dave@example.com");
            BrowserSession erin = new BrowserSession(config.gatewayUrl());
            erin.signIn("erin@example.com");
            ChatSocket onA = dave.openSocket(config.gatewayUrl(), config.gatewayUrl());
            ChatSocket onB = dave.openSocket(replicaB, config.gatewayUrl());
            ChatSocket erinOnB = erin.openSocket(replicaB, config.gatewayUrl());
            // a frame answered proves each socket on B is registered there before the send
            for (ChatSocket socket : List.of(onB, erinOnB)) {
                socket.send(Map.of("type", "bogus"));
                assertEquals("error", socket.next(FRAME_TIMEOUT).path("type").asString());
            }

            String chatId = randomId();
            onA.send(sendFrame("peer-1", chatId, randomId(), "Hello across replicas", FakeOpenRouter.MODEL));
            onA.nextOfType("ack", FRAME_TIMEOUT);
            JsonNode start = onA.nextOfType("start", FRAME_TIMEOUT);
            String generationId = start.path("generationId").asString();

            JsonNode started = onB.next(FRAME_TIMEOUT);
            assertEquals("started", started.path("type").asString(), started.toString());
            assertEquals(chatId, started.path("chatId").asString());
            assertEquals(generationId, started.path("generationId").asString());
            assertEquals(start.path("messageId").asString(), started.path("messageId").asString());
            assertTrue(started.path("owner").isMissingNode(), "the owner replica's address stays inside: " + started);

            onB.send(Map.of("type", "resume", "chatId", chatId, "generationId", generationId, "offset", 0));
            assertEquals(generationId, onB.nextOfType("start", FRAME_TIMEOUT).path("generationId").asString());
            StringBuilder seenOnB = new StringBuilder();
            while (seenOnB.length() < FakeOpenRouter.HELD_PREFIX.length()) {
                appendDelta(seenOnB, onB.nextOfType("delta", FRAME_TIMEOUT), generationId);
            }
            assertEquals(FakeOpenRouter.HELD_PREFIX, seenOnB.toString(), "the reply is still in flight");
            openRouter.release();
            JsonNode done = readUntilDone(onB, seenOnB, generationId, FRAME_TIMEOUT);
            assertEquals("complete", done.path("status").asString());
            assertEquals(FakeOpenRouter.FULL_REPLY, seenOnB.toString());
            StringBuilder seenOnA = new StringBuilder();
            readUntilDone(onA, seenOnA, generationId, FRAME_TIMEOUT);
            assertEquals(FakeOpenRouter.FULL_REPLY, seenOnA.toString(), "both tabs show the same reply");

            erinOnB.send(Map.of("type", "bogus"));
            JsonNode erinsNext = erinOnB.next(FRAME_TIMEOUT);
            assertEquals("error", erinsNext.path("type").asString(), "erin's socket was told nothing: " + erinsNext);
            assertEquals(List.of(), erinOnB.received());
        } finally {
            openRouter.release();
            stack.stop(LocalStack.GATEWAY + "-" + peerPort);
        }
    }

    /** The ack or the error that answers one send, past the frames of replies already streaming. */
    private static JsonNode answerTo(ChatSocket socket, String requestId) throws InterruptedException {
        while (true) {
            JsonNode frame = socket.next(FRAME_TIMEOUT);
            String type = frame.path("type").asString("");
            if ((type.equals("ack") || type.equals("error")) && requestId.equals(frame.path("requestId").asString(""))) {
                return frame;
            }
        }
    }

    /** What the history part of the test made: the imported chat, the word only it holds, the share link. */
    private record History(String importedChatId, String importedMarker, String shareId) {
    }

    /** Search, a Markdown export, an import of a small z3chat JSON and a share link read signed out. */
    private static History searchExportImportAndShare(BrowserSession alice, String chatId, String messageId,
            String replyId) throws Exception {
        // search: every word, in any case, over the user's own messages (the embedded store searches by regex)
        JsonNode hits = alice.apiJson("/api/search?q=" + query(SEARCH_TERMS) + "&limit=5").path("hits");
        assertEquals(1, hits.size(), "one message holds both words: " + hits);
        assertEquals(chatId, hits.get(0).path("chatId").asString());
        assertEquals(replyId, hits.get(0).path("messageId").asString());
        assertTrue(hits.get(0).path("snippet").path("text").asString().contains("ünïcödé words"), hits.toString());

        // one chat as Markdown, the reply verbatim (its code block intact)
        HttpResponse<String> markdown = alice.api("/api/chat/" + chatId + "/export?format=markdown");
        assertEquals(200, markdown.statusCode(), markdown.body());
        assertTrue(markdown.headers().firstValue("Content-Type").orElse("").startsWith("text/markdown"));
        assertTrue(markdown.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment"));
        assertTrue(markdown.body().contains("Hello, fake model!"), markdown.body());
        assertTrue(markdown.body().contains(FakeOpenRouter.FULL_REPLY), markdown.body());

        // an import of a small z3chat export: one chat with two messages, searchable at once
        String marker = "zebra" + randomId().replaceAll("[^A-Za-z]", "").toLowerCase();
        Map<String, Object> question = Map.of("id", randomId(), "role", "user", "content", "What is a " + marker + "?",
                "timestamp", "2026-01-02T03:04:05Z", "status", "complete");
        Map<String, Object> answer = Map.of("id", randomId(), "role", "assistant", "content", "A striped horse.",
                "timestamp", "2026-01-02T03:04:09Z", "status", "complete", "model", FakeOpenRouter.MODEL);
        Map<String, Object> file = Map.of("format", "z3chat.export", "version", 1, "exportedAt", "2026-01-03T00:00:00Z",
                "chats", List.of(Map.of("id", randomId(), "title", "An imported chat", "titleSource", "user",
                        "createdAt", "2026-01-02T03:04:05Z", "updatedAt", "2026-01-02T03:04:09Z",
                        "messages", List.of(question, answer))));
        HttpResponse<String> imported = alice.send("POST", "/api/import", "application/json",
                BrowserSession.JSON.writeValueAsString(file));
        assertEquals(200, imported.statusCode(), imported.body());
        JsonNode report = BrowserSession.JSON.readTree(imported.body());
        assertEquals(1, report.path("importedCount").asInt(), report.toString());
        String importedChatId = report.path("imported").get(0).path("chatId").asString();
        assertEquals(2, report.path("imported").get(0).path("messageCount").asInt(), report.toString());
        JsonNode importedPage = alice.apiJson("/api/chat/" + importedChatId);
        assertEquals(List.of("What is a " + marker + "?", "A striped horse."),
                importedPage.path("messages").valueStream().map(m -> m.path("content").asString()).toList());
        JsonNode importedHits = alice.apiJson("/api/search?q=" + query(marker)).path("hits");
        assertEquals(1, importedHits.size(), importedHits.toString());
        assertEquals(importedChatId, importedHits.get(0).path("chatId").asString());
        assertEquals(2, alice.apiJson("/api/chat").path("total").asInt());

        // a share link, read signed out a message at a time
        HttpResponse<String> share = alice.send("POST", "/api/chat/" + chatId + "/share", "application/json", "{}");
        assertEquals(201, share.statusCode(), share.body());
        String shareId = BrowserSession.JSON.readTree(share.body()).path("id").asString();
        assertSharedChat(alice.gatewayUrl(), shareId, "alice's share link, signed out");
        return new History(importedChatId, marker, shareId);
    }

    /** Reads the share link without any cookie, one message per page, and finds the whole exchange. */
    private static void assertSharedChat(String gatewayUrl, String shareId, String what) throws Exception {
        List<String> contents = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 5; page++) {
            HttpResponse<String> response = BrowserSession.signedOutGet(gatewayUrl + "/api/shared/" + shareId
                    + "?limit=1" + (cursor == null ? "" : "&cursor=" + query(cursor)));
            assertEquals(200, response.statusCode(), what + ": " + response.body());
            assertFalse(response.body().toLowerCase().contains("alice@example.com"), what + ": the owner stays hidden");
            JsonNode shared = BrowserSession.JSON.readTree(response.body());
            assertTrue(shared.path("messages").size() <= 1, what + ": limit reaches persistence: " + shared);
            shared.path("messages").forEach(m -> contents.add(m.path("content").asString()));
            if (!shared.path("hasMore").asBoolean(false)) {
                assertEquals(List.of("Hello, fake model!", FakeOpenRouter.FULL_REPLY), contents, what);
                return;
            }
            cursor = shared.path("nextCursor").asString();
        }
        fail(what + ": more pages than messages: " + contents);
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
