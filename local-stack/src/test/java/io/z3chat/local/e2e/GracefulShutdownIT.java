package io.z3chat.local.e2e;

import io.z3chat.local.LocalStack;
import io.z3chat.local.StackConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.z3chat.local.e2e.Exchanges.appendDelta;
import static io.z3chat.local.e2e.Exchanges.awaitStatus;
import static io.z3chat.local.e2e.Exchanges.findMessage;
import static io.z3chat.local.e2e.Exchanges.randomId;
import static io.z3chat.local.e2e.Exchanges.readUntilDone;
import static io.z3chat.local.e2e.Exchanges.sendFrame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real SIGTERM, as Kubernetes sends on a rollout or a scale-down, to the replica a reply in flight goes through.
 * Its readiness goes DOWN first (QUARKUS_SHUTDOWN_DELAY), then: an llm-proxy refuses new generations while the reply
 * streams on to its end within the bounded drain, is saved complete, and only then does the process exit, on its own;
 * a gateway tells its sockets to reconnect (close 1012), refuses new ones (503, so the client goes to another replica),
 * the reply, resumed through another gateway, ends saved complete, and the gateway exits without waiting out its HTTP
 * drain.
 */
class GracefulShutdownIT {

    private static final Duration FRAME_TIMEOUT = Duration.ofSeconds(30);
    /** RFC 6455 "service restart": the close code the web UI answers by reconnecting and resuming. */
    private static final int RECONNECT = 1012;

    private static FakeOpenRouter openRouter;
    private static LocalStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        // about 8 s of streaming: long enough to outlast the readiness delay
        openRouter = new FakeOpenRouter(150);
        openRouter.release();
        StackConfig config = Exchanges.stackConfig("shutdown", openRouter.baseUrl(),
                Map.of("QUARKUS_SHUTDOWN_DELAY", "3s", "QUARKUS_SHUTDOWN_TIMEOUT", "60s"));
        stack = new LocalStack(config);
        stack.start(Duration.ofMinutes(3));
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
    void anLlmProxyGivenSigtermRefusesNewRepliesRetryablyWhileTheOneInFlightStreamsToItsEndIsSavedAndThenItExits()
            throws Exception {
        StackConfig config = stack.config();
        BrowserSession alice = new BrowserSession(config.gatewayUrl());
        alice.signIn("drain@example.com");
        ChatSocket socket = alice.openSocket(config.gatewayUrl(), config.gatewayUrl());
        String chatId = randomId();
        InFlight reply = startReply(socket, chatId, "Keep going while I shut down");
        String generationId = reply.generationId();
        String replyId = reply.replyId();
        StringBuilder received = reply.received();

        ProcessHandle llmProxy = ProcessHandle.of(stack.pid(LocalStack.LLM_PROXY)).orElseThrow();
        try {
            assertTrue(llmProxy.destroy(), "SIGTERM sent to llm-proxy-service");

            // readiness goes down first, while the reply keeps streaming
            String readiness = stack.managementUrl(LocalStack.LLM_PROXY) + "/q/health/ready";
            int status = 200;
            while (status == 200 && llmProxy.isAlive()) {
                Thread.sleep(100);
                status = statusOf(readiness);
            }
            assertEquals(503, status, "readiness reports DOWN before the replica stops");
            List<JsonNode> meanwhile = socket.received();
            for (JsonNode frame : meanwhile) {
                String type = frame.path("type").asString("");
                assertFalse(type.equals("done") || type.equals("error"), "readiness was DOWN while the reply streamed: " + frame);
                if (type.equals("delta")) {
                    appendDelta(received, frame, generationId);
                }
            }

            // a new reply asked of the draining replica now: the message is saved, the reply refused, retryably
            // (the gateway asked once more, and this stack has no other llm-proxy to answer)
            String lateChatId = randomId();
            String lateMessageId = randomId();
            socket.send(sendFrame("req-late", lateChatId, lateMessageId, "Too late for this replica",
                    FakeOpenRouter.MODEL));
            JsonNode done = null;
            JsonNode lateAck = null;
            JsonNode lateRefusal = null;
            while (done == null || lateRefusal == null) {
                JsonNode frame = socket.next(FRAME_TIMEOUT);
                boolean late = frame.path("requestId").asString("").equals("req-late");
                switch (frame.path("type").asString("")) {
                    case "delta" -> appendDelta(received, frame, generationId);
                    case "done" -> done = frame;
                    case "ack" -> lateAck = late ? frame : fail("an ack of nothing sent: " + frame);
                    case "error" -> lateRefusal = late ? frame
                            : fail("the reply in flight failed while its replica drained: " + frame);
                    case "start" -> fail("the draining replica started a new reply: " + frame);
                    default -> { }
                }
            }
            assertEquals("complete", done.path("status").asString());
            assertEquals(FakeOpenRouter.FULL_REPLY, received.toString());
            assertNotNull(lateAck, "the late message was saved before the model was asked");
            assertEquals("unavailable", lateRefusal.path("code").asString(), lateRefusal.toString());
            assertTrue(lateRefusal.path("retryable").asBoolean(), lateRefusal.toString());

            // the replica exits by itself once the drain is over (nothing here ever kills it)
            llmProxy.onExit().get(90, TimeUnit.SECONDS);
            assertFalse(llmProxy.isAlive());

            JsonNode saved = findMessage(alice.apiJson("/api/chat/" + chatId), replyId);
            assertEquals("complete", saved.path("status").asString());
            assertEquals(FakeOpenRouter.FULL_REPLY, saved.path("content").asString());
            List<String> lateChat = alice.apiJson("/api/chat/" + lateChatId).path("messages").valueStream()
                    .map(m -> m.path("role").asString() + ":" + m.path("id").asString()).toList();
            assertEquals(List.of("user:" + lateMessageId), lateChat, "the refused send kept its message, no reply");
        } finally {
            // the other tests of this stack need an llm-proxy
            stack.stop(LocalStack.LLM_PROXY);
            stack.startAgain(LocalStack.LLM_PROXY, Duration.ofMinutes(2));
        }
    }

    @Test
    void aGatewayGivenSigtermTellsItsSocketsToReconnectOnceNotReadyAndTheReplyResumedOnAnotherEndsSavedComplete()
            throws Exception {
        StackConfig config = stack.config();
        int port = freePort();
        String name = LocalStack.GATEWAY + "-" + port;
        stack.startGatewayReplica(port, Duration.ofMinutes(2));
        try {
            BrowserSession bob = new BrowserSession(config.gatewayUrl());
            bob.signIn("rollout@example.com");
            ChatSocket socket = bob.openSocket("http://127.0.0.1:" + port, config.gatewayUrl());
            String chatId = randomId();
            InFlight reply = startReply(socket, chatId, "Carry on elsewhere");
            String generationId = reply.generationId();
            String replyId = reply.replyId();
            StringBuilder received = reply.received();

            ProcessHandle gateway = ProcessHandle.of(stack.pid(name)).orElseThrow();
            assertTrue(gateway.destroy(), "SIGTERM sent to the gateway replica");
            assertEquals(RECONNECT, socket.awaitClose(FRAME_TIMEOUT), "the socket is told to reconnect elsewhere");
            // a client reconnecting to this replica now (a stale route) is sent on, with the reason
            Refusal refused = upgrade(port, bob.cookieHeader(), config.gatewayUrl());
            assertEquals(503, refused.status(), refused.toString());
            JsonNode error = BrowserSession.JSON.readTree(refused.body()).path("error");
            assertEquals("unavailable", error.path("code").asString(), refused.toString());
            assertTrue(error.path("message").asString().contains("shutting down"), refused.toString());
            // Quarkus reports readiness DOWN before it fires the event that closes the sockets and refuses new ones
            assertEquals(503, statusOf(stack.managementUrl(name) + "/q/health/ready"),
                    "readiness was DOWN before the sockets were closed");
            for (JsonNode frame : socket.received()) {
                if (frame.path("type").asString("").equals("delta")) {
                    appendDelta(received, frame, generationId);
                }
            }
            assertTrue(received.length() < FakeOpenRouter.FULL_REPLY.length(), "the reply was still in flight");

            // the web UI reconnects (here to the other replica) and resumes from what it has
            ChatSocket again = bob.openSocket(config.gatewayUrl(), config.gatewayUrl());
            again.send(Map.of("type", "resume", "chatId", chatId, "generationId", generationId,
                    "offset", received.length()));
            JsonNode done = readUntilDone(again, received, generationId, FRAME_TIMEOUT);
            assertEquals("complete", done.path("status").asString());
            assertEquals(FakeOpenRouter.FULL_REPLY, received.toString());

            gateway.onExit().get(90, TimeUnit.SECONDS);
            JsonNode saved = awaitStatus(bob, chatId, replyId, "complete", FRAME_TIMEOUT);
            assertEquals(FakeOpenRouter.FULL_REPLY, saved.path("content").asString());

            // it stopped because nothing was left in flight, not because QUARKUS_SHUTDOWN_TIMEOUT (60 s) ran out:
            // the closed socket's upgrade no longer counts as a request in flight
            String log = Files.readString(stack.logFile(name));
            assertTrue(log.contains("new sockets refused, open sockets told to reconnect count=1"), log);
            assertFalse(log.contains("Timed out waiting for graceful shutdown"), log);
            assertTrue(!log.contains("Waiting for HTTP requests to complete") || log.contains("All HTTP requests complete"),
                    "every request the HTTP drain waited for completed: " + log);
            assertTrue(log.contains("chat-gateway stopped in"), log);
        } finally {
            stack.stop(name);
        }
    }

    /** A reply streaming to the client: its generation, the message it is saved to, the text received so far. */
    private record InFlight(String generationId, String replyId, StringBuilder received) {
    }

    /** Sends a message and reads its reply's first deltas: the reply is then in flight. */
    private static InFlight startReply(ChatSocket socket, String chatId, String content) throws InterruptedException {
        socket.send(sendFrame(randomId(), chatId, randomId(), content, FakeOpenRouter.MODEL));
        socket.nextOfType("ack", FRAME_TIMEOUT);
        JsonNode start = socket.nextOfType("start", FRAME_TIMEOUT);
        var reply = new InFlight(start.path("generationId").asString(), start.path("messageId").asString(),
                new StringBuilder());
        while (reply.received().length() < 20) {
            appendDelta(reply.received(), socket.nextOfType("delta", FRAME_TIMEOUT), reply.generationId());
        }
        return reply;
    }

    /** A refused upgrade's status line and body. */
    private record Refusal(int status, String body) {
    }

    /**
     * Asks for {@code /ws/chat} over a plain socket, as a browser does: the JDK's WebSocket client keeps a refused
     * upgrade's body to itself.
     */
    private static Refusal upgrade(int port, String cookie, String origin) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout((int) FRAME_TIMEOUT.toMillis());
            String request = "GET /ws/chat HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Origin: " + origin + "\r\nCookie: " + cookie + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new AssertionError("connection closed before the answer's head ended: " + head);
                }
                head.append((char) b);
            }
            int status = Integer.parseInt(head.substring(9, 12));
            int length = head.toString().lines().filter(line -> line.toLowerCase().startsWith("content-length:"))
                    .map(line -> Integer.parseInt(line.substring(15).trim())).findFirst().orElse(0);
            return new Refusal(status, new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }
    }

    private static int statusOf(String url) throws InterruptedException {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException gone) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
