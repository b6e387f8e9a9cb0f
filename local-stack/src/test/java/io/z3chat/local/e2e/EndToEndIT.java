package io.z3chat.local.e2e;

import io.z3chat.local.LocalStack;
import io.z3chat.local.StackConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The three real services, started from their built artifacts with the embedded store, the
 * local OIDC provider and a fake OpenRouter: sign in through the real authorization-code flow,
 * stream a reply over a real WebSocket, drop the socket mid-stream, resume on another gateway
 * replica, end with exactly the model's text, find it saved complete, let a second user see
 * none of it, and find it all again after the whole stack restarts on the same data directory.
 */
class EndToEndIT {

    private static final Duration FRAME_TIMEOUT = Duration.ofSeconds(30);
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

    private static FakeOpenRouter openRouter;
    private static LocalStack stack;
    private static int replicaPort;

    @BeforeAll
    static void startStack() throws Exception {
        openRouter = new FakeOpenRouter(60);
        Path repoRoot = Path.of(System.getProperty("z3chat.repo.root", "..")).toAbsolutePath().normalize();
        Path stackJar = Path.of(System.getProperty("z3chat.stack.jar", "target/local-stack.jar")).toAbsolutePath();
        Path workDir = Files.createTempDirectory("z3chat-e2e");
        StackConfig config = new StackConfig(repoRoot, stackJar, workDir,
                freePort(), freePort(), freePort(), freePort(), freePort(),
                "e2e-test-key", openRouter.baseUrl(), Map.of());
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
    void replyStreamsSurvivesADroppedSocketResumesOnAnotherReplicaAndStaysPrivate() throws Exception {
        StackConfig config = stack.config();
        BrowserSession alice = new BrowserSession(config.gatewayUrl());
        alice.signIn("Alice@Example.com");
        assertEquals("alice@example.com", alice.apiJson("/api/me").path("email").asString());

        String chatId = randomId();
        String messageId = randomId();
        ChatSocket first = alice.openSocket(config.gatewayUrl(), config.gatewayUrl());
        Map<String, Object> send = new LinkedHashMap<>();
        send.put("type", "send");
        send.put("requestId", "req-1");
        send.put("chatId", chatId);
        send.put("message", Map.of("id", messageId, "content", "Hello, fake model!"));
        send.put("model", FakeOpenRouter.MODEL);
        first.send(send);

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
        assertTrue(received.length() < FakeOpenRouter.FULL_REPLY.length(), "the socket must drop mid-stream");

        // the user message was saved before the model was called, and the reply is checkpointed as streaming
        JsonNode page = alice.apiJson("/api/chat/" + chatId);
        assertEquals("Hello, fake model!", findMessage(page, messageId).path("content").asString());
        assertEquals("streaming", findMessage(page, replyId).path("status").asString());

        // reconnect through another gateway replica and resume from what this client has
        ChatSocket second = alice.openSocket("http://127.0.0.1:" + replicaPort, config.gatewayUrl());
        second.send(Map.of("type", "resume", "chatId", chatId, "generationId", generationId, "offset", received.length()));
        JsonNode done = null;
        while (done == null) {
            JsonNode frame = second.next(FRAME_TIMEOUT);
            switch (frame.path("type").asString("")) {
                case "delta" -> appendDelta(received, frame, generationId);
                case "done" -> done = frame;
                case "error" -> fail("error frame during resume: " + frame);
                default -> { }
            }
        }
        assertEquals("complete", done.path("status").asString());
        assertEquals(FakeOpenRouter.FULL_REPLY, received.toString());

        JsonNode saved = awaitStatus(alice, chatId, replyId, "complete");
        assertEquals(FakeOpenRouter.FULL_REPLY, saved.path("content").asString());

        // a second user sees none of it
        BrowserSession bob = new BrowserSession(config.gatewayUrl());
        bob.signIn("bob@example.com");
        assertEquals(0, bob.apiJson("/api/chat").path("total").asInt());
        assertEquals(404, bob.api("/api/chat/" + chatId).statusCode());
        assertEquals(404, bob.api("/api/chat/" + chatId + "/export?format=json").statusCode());
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
    }

    private static void appendDelta(StringBuilder received, JsonNode delta, String generationId) {
        assertEquals(generationId, delta.path("generationId").asString());
        int offset = delta.path("offset").asInt();
        String text = delta.path("text").asString();
        if (offset > received.length()) {
            fail("gap: delta at " + offset + " but the client has " + received.length());
        }
        // a resumed stream may repeat what the client already has; keep exactly one copy
        received.setLength(offset);
        received.append(text);
    }

    private static JsonNode awaitStatus(BrowserSession session, String chatId, String messageId, String status)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode message;
        do {
            message = findMessage(session.apiJson("/api/chat/" + chatId), messageId);
            if (status.equals(message.path("status").asString())) {
                return message;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("message " + messageId + " never became " + status + ": " + message);
    }

    private static JsonNode findMessage(JsonNode page, String messageId) {
        for (JsonNode message : page.path("messages")) {
            if (messageId.equals(message.path("id").asString())) {
                return message;
            }
        }
        throw new AssertionError("message " + messageId + " not in " + page);
    }

    private static String randomId() {
        SecureRandom random = new SecureRandom();
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 21; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
