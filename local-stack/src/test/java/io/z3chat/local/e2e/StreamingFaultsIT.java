package io.z3chat.local.e2e;

import io.z3chat.local.LocalStack;
import io.z3chat.local.PortTakenException;
import io.z3chat.local.StackConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.z3chat.local.e2e.Exchanges.appendDelta;
import static io.z3chat.local.e2e.Exchanges.awaitMessage;
import static io.z3chat.local.e2e.Exchanges.awaitStatus;
import static io.z3chat.local.e2e.Exchanges.findMessage;
import static io.z3chat.local.e2e.Exchanges.freePort;
import static io.z3chat.local.e2e.Exchanges.randomId;
import static io.z3chat.local.e2e.Exchanges.sendFrame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Faults while a reply streams, against the real services: llm-proxy killed, persistence-service frozen, the store
 * stopped, a client that stops reading, a second stack on the same ports. Each ends with what the user sees on the
 * socket and what is stored. The sweeper runs every second and gives up on a reply after 8 s without a checkpoint,
 * so an abandoned reply ends within the test.
 */
class StreamingFaultsIT {

    private static final Duration FRAME_TIMEOUT = Duration.ofSeconds(30);
    /** How long persistence-service and the store stay down: the outage. */
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final String QUESTION = "Hello, fake model!";

    private static FakeOpenRouter openRouter;
    private static LocalStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        openRouter = new FakeOpenRouter(20);
        StackConfig config = Exchanges.stackConfig("faults", openRouter.baseUrl(), Map.of(
                // persistence: the sweeper of SPEC 4 step 6, short so the test sees it act
                "Z3CHAT_SWEEPER_INTERVAL", "1s",
                "Z3CHAT_SWEEPER_STALE_AFTER", "8s",
                // persistence: the 6,000,000-character reply of the slow-client test (and its checkpoints)
                "HTTP_MAX_BODY_SIZE", "16M",
                "Z3CHAT_MESSAGES_MAX_CONTENT_LENGTH", "8000000",
                // llm-proxy: retries of a final write no further apart than this, so the test waits less
                "Z3CHAT_PERSISTENCE_FINAL_WRITES_MAX_BACKOFF", "4s",
                "Z3CHAT_GENERATION_MAX_REPLY_CHARS", "8000000",
                // gateway: a small outbound bound, so a client that stops reading is cut off early
                "Z3CHAT_LIMITS_OUTBOUND_BUFFER_BYTES", "65536"));
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

    @AfterEach
    void releaseTheModel() {
        openRouter.release();
    }

    @Test
    void llmProxyKilledMidStreamGivesTheLastCheckpointAndGenerationLostAndTheReplyEndsInterrupted() throws Exception {
        openRouter.holdNext();
        Exchange exchange = begin("killed@example.com", FakeOpenRouter.MODEL);
        exchange.readUntil(FakeOpenRouter.HELD_PREFIX.length());
        exchange.awaitCheckpoint(FakeOpenRouter.HELD_PREFIX);

        stack.kill(LocalStack.LLM_PROXY);
        try {
            // the socket streaming the reply learns at once that it stopped, and gets no done
            JsonNode error = readUntilEnd(exchange.socket, exchange.received, exchange.generationId);
            assertEquals("error", error.path("type").asString(), "the stream stops with an error: " + error);
            assertEquals(exchange.generationId, error.path("generationId").asString(""), error.toString());

            // the page shows the reply still streaming, so the client resumes: it gets the last checkpoint from
            // persistence and generation_lost, which it must not retry
            ChatSocket again = exchange.session.openSocket(stack.config().gatewayUrl(), stack.config().gatewayUrl());
            int offset = 10;
            again.send(Map.of("type", "resume", "chatId", exchange.chatId, "generationId", exchange.generationId, "offset", offset));
            StringBuilder resumed = new StringBuilder(FakeOpenRouter.HELD_PREFIX.substring(0, offset));
            JsonNode lost = readUntilEnd(again, resumed, exchange.generationId);
            assertEquals("error", lost.path("type").asString(), "the resume of a lost generation ends in error: " + lost);
            assertEquals("generation_lost", lost.path("code").asString(), lost.toString());
            assertFalse(lost.path("retryable").asBoolean(true), "generation_lost is not retryable: " + lost);
            assertEquals(FakeOpenRouter.HELD_PREFIX, resumed.toString(), "the last checkpoint, from the client's offset");

            // the sweeper ends the message interrupted, keeping its checkpoint
            JsonNode stored = awaitStatus(exchange.session, exchange.chatId, exchange.replyId, "interrupted", Duration.ofSeconds(60));
            assertEquals(FakeOpenRouter.HELD_PREFIX, stored.path("content").asString());
            exchange.assertOneReplyOnly();
        } finally {
            stack.startAgain(LocalStack.LLM_PROXY, Duration.ofMinutes(2));
        }
    }

    @Test
    void persistenceFrozenForThirtySecondsMidStreamStillSavesTheReplyCompleteOnce() throws Exception {
        Exchange exchange = replyThroughAnOutage("frozen-persistence@example.com",
                () -> stack.freeze(LocalStack.PERSISTENCE), () -> stack.thaw(LocalStack.PERSISTENCE));
        exchange.assertSavedCompleteOnce(FakeOpenRouter.FULL_REPLY);
    }

    @Test
    void storeStoppedForThirtySecondsMidStreamStillSavesTheReplyCompleteOnce() throws Exception {
        Exchange exchange = replyThroughAnOutage("stopped-store@example.com",
                () -> stack.stop(LocalStack.STORE), () -> stack.startAgain(LocalStack.STORE, Duration.ofMinutes(1)));
        exchange.assertSavedCompleteOnce(FakeOpenRouter.FULL_REPLY);
        assertEquals(QUESTION, findMessage(exchange.page(), exchange.messageId).path("content").asString(),
                "the user message saved before the outage is still there");
    }

    private interface StackAction {
        void run() throws Exception;
    }

    /**
     * Streams a reply until persistence holds a checkpoint of it, then takes something down for {@link #OUTAGE}
     * while the rest of the reply streams and ends; the socket must get every delta in order and {@code done complete}.
     */
    private static Exchange replyThroughAnOutage(String email, StackAction down, StackAction up) throws Exception {
        openRouter.holdNext();
        Exchange exchange = begin(email, FakeOpenRouter.MODEL);
        exchange.readUntil(FakeOpenRouter.HELD_PREFIX.length());
        exchange.awaitCheckpoint(FakeOpenRouter.HELD_PREFIX);

        long downAt = System.nanoTime();
        down.run();
        try {
            openRouter.release();
            exchange.readUntil(FakeOpenRouter.FULL_REPLY.length());
            sleepUntil(downAt + OUTAGE.toNanos());
        } finally {
            up.run();
        }
        exchange.awaitDone("complete");
        assertEquals(FakeOpenRouter.FULL_REPLY, exchange.received.toString(), "the socket got the reply, in order");
        return exchange;
    }

    @Test
    void aClientThatStopsReadingIsCutOffAtItsBoundWhileTheReplyIsSaved() throws Exception {
        BrowserSession session = new BrowserSession(stack.config().gatewayUrl());
        session.signIn("stalled-client@example.com");
        String chatId = randomId();
        String messageId = randomId();
        try (StalledSocket socket = StalledSocket.open(session, stack.config().gatewayUrl())) {
            // it sends, then reads nothing while a 6,000,000-character reply streams
            socket.send(sendFrame("req-stalled", chatId, messageId, QUESTION, FakeOpenRouter.LONG_MODEL));

            // the generation goes on without the client: the whole reply is saved, once
            JsonNode saved = awaitReplyComplete(session, chatId);
            assertEquals(FakeOpenRouter.LONG_REPLY, saved.path("content").asString(), "saved whole, not doubled or cut");
            JsonNode page = session.apiJson("/api/chat/" + chatId + "?limit=50");
            assertEquals(List.of("user", "assistant"),
                    page.path("messages").valueStream().map(m -> m.path("role").asString()).toList(), "one question, one reply");

            // what the client finds when it reads again: part of the reply, then the gateway's close for a slow client
            StringBuilder received = new StringBuilder();
            List<String> types = new ArrayList<>();
            StalledSocket.Frame frame;
            while ((frame = readOrFail(socket, types, received)) != null && frame.opcode() != StalledSocket.Frame.CLOSE) {
                JsonNode json = BrowserSession.JSON.readTree(frame.text());
                types.add(json.path("type").asString(""));
                if (json.path("type").asString("").equals("delta")) {
                    appendDelta(received, json, json.path("generationId").asString());
                }
            }
            String seen = types.size() + " frames, " + received.length() + " of " + FakeOpenRouter.LONG_REPLY.length() + " characters";
            assertFalse(types.contains("done"), "cut off before the end, but the client got " + seen);
            assertTrue(frame != null, "the gateway closes with a close frame, after " + seen);
            assertEquals(1013, frame.closeCode(), "closed as too slow (" + frame.text() + ") after " + seen);
            assertTrue(received.length() < FakeOpenRouter.LONG_REPLY.length(), seen);
            assertTrue(FakeOpenRouter.LONG_REPLY.startsWith(received.toString()), "what it got is the reply's beginning");
        }
    }

    private static StalledSocket.Frame readOrFail(StalledSocket socket, List<String> types, StringBuilder received)
            throws IOException {
        try {
            return socket.read();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("neither a frame nor a close within 30 s, after " + types.size() + " frames, "
                    + received.length() + " characters" + (types.contains("done") ? " and done" : ""));
        }
    }

    private static JsonNode awaitReplyComplete(BrowserSession session, String chatId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String last = "no reply yet";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> page = session.api("/api/chat/" + chatId + "?limit=50");
            if (page.statusCode() != 200) {
                last = "the chat answers " + page.statusCode(); // not created yet
                Thread.sleep(200);
                continue;
            }
            for (JsonNode message : BrowserSession.JSON.readTree(page.body()).path("messages")) {
                if (message.path("role").asString().equals("assistant")) {
                    if (message.path("status").asString().equals("complete")) {
                        return message;
                    }
                    last = message.path("status").asString() + " with " + message.path("content").asString().length() + " characters";
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the reply was never saved complete: " + last);
    }

    @Test
    void aSecondStackOnTheSamePortsStopsNamingThePortAndThisStacksProcessAndLeavesThisOneServing() throws Exception {
        StackConfig mine = stack.config();
        StackConfig second = new StackConfig(mine.repoRoot(), mine.stackJar(), Files.createTempDirectory("z3chat-second"),
                mine.gatewayPort(), mine.persistencePort(), mine.llmProxyPort(), mine.storePort(), mine.oidcPort(),
                null, null, Map.of());
        LocalStack other = new LocalStack(second);
        PortTakenException e = assertThrows(PortTakenException.class, () -> other.start(Duration.ofMinutes(1)));
        assertTrue(e.getMessage().contains("port " + mine.storePort() + " (embedded store, Z3CHAT_STORE_PORT) is taken: held by pid "
                + stack.pid(LocalStack.STORE)), e.getMessage());
        assertTrue(e.getMessage().contains("port " + mine.persistencePort() + " (persistence-service, Z3CHAT_PERSISTENCE_PORT) is taken: held by pid "
                + stack.pid(LocalStack.PERSISTENCE)), e.getMessage());
        assertTrue(e.getMessage().contains("it answers HTTP"), e.getMessage());
        assertFalse(Files.exists(second.workDir().resolve("logs")), "the second stack started nothing");

        // this stack goes on serving its users
        BrowserSession session = new BrowserSession(mine.gatewayUrl());
        session.signIn("first-stack@example.com");
        assertEquals(0, session.apiJson("/api/chat").path("total").asInt());
    }

    /** A signed-in user's socket that has sent one message and got its ack and start. */
    private static final class Exchange {
        final BrowserSession session;
        final ChatSocket socket;
        final String chatId = randomId();
        final String messageId = randomId();
        final StringBuilder received = new StringBuilder();
        String generationId;
        String replyId;

        Exchange(BrowserSession session, ChatSocket socket) {
            this.session = session;
            this.socket = socket;
        }

        void readUntil(int length) throws InterruptedException {
            while (received.length() < length) {
                appendDelta(received, socket.nextOfType("delta", FRAME_TIMEOUT), generationId);
            }
        }

        void awaitDone(String status) throws InterruptedException {
            JsonNode done = socket.nextOfType("done", Duration.ofSeconds(120));
            assertEquals(status, done.path("status").asString(), done.toString());
            assertEquals(replyId, done.path("messageId").asString(), done.toString());
        }

        /** Waits until persistence holds the reply as streaming with exactly this text: a checkpoint landed. */
        void awaitCheckpoint(String content) throws Exception {
            awaitMessage(session, chatId, replyId, m -> "streaming".equals(m.path("status").asString())
                    && content.equals(m.path("content").asString()), "a checkpoint of what was streamed", Duration.ofSeconds(20));
        }

        JsonNode page() throws Exception {
            return session.apiJson("/api/chat/" + chatId + "?limit=50");
        }

        /** The reply is saved complete with exactly the model's text, the chat holds it once, and it stays so. */
        void assertSavedCompleteOnce(String reply) throws Exception {
            JsonNode saved = awaitMessage(session, chatId, replyId, m -> "complete".equals(m.path("status").asString()),
                    "status complete", Duration.ofSeconds(120));
            assertEquals(reply.length(), saved.path("content").asString().length(), "saved whole, not doubled or cut");
            assertEquals(reply, saved.path("content").asString());
            assertOneReplyOnly();
            // late checkpoints still queued from the outage must not turn it back
            Thread.sleep(3000);
            JsonNode later = findMessage(page(), replyId);
            assertEquals("complete", later.path("status").asString(), "still complete after late writes");
            assertEquals(reply, later.path("content").asString());
        }

        void assertOneReplyOnly() throws Exception {
            JsonNode page = page();
            List<String> roles = page.path("messages").valueStream().map(m -> m.path("role").asString()).toList();
            assertEquals(List.of("user", "assistant"), roles, "one question, one reply: " + roles);
            assertEquals(replyId, page.path("messages").get(1).path("id").asString());
        }
    }

    private static Exchange begin(String email, String model) throws Exception {
        BrowserSession session = new BrowserSession(stack.config().gatewayUrl());
        session.signIn(email);
        Exchange exchange = new Exchange(session, session.openSocket(stack.config().gatewayUrl(), stack.config().gatewayUrl()));
        exchange.socket.send(sendFrame("req-" + email, exchange.chatId, exchange.messageId, QUESTION, model));
        assertEquals(exchange.messageId, exchange.socket.nextOfType("ack", FRAME_TIMEOUT).path("messageId").asString());
        JsonNode start = exchange.socket.nextOfType("start", FRAME_TIMEOUT);
        exchange.generationId = start.path("generationId").asString();
        exchange.replyId = start.path("messageId").asString();
        assertFalse(exchange.generationId.isEmpty(), start.toString());
        return exchange;
    }

    /** Joins deltas until the stream's last frame, {@code done} or {@code error}, and returns that frame. */
    private static JsonNode readUntilEnd(ChatSocket socket, StringBuilder received, String generationId) throws InterruptedException {
        while (true) {
            JsonNode frame = socket.next(FRAME_TIMEOUT);
            switch (frame.path("type").asString("")) {
                case "delta" -> appendDelta(received, frame, generationId);
                case "done", "error" -> {
                    return frame;
                }
                case "start", "started", "chat" -> {
                    // the resumed stream announces itself; a title, or news of the user's reply in another chat,
                    // may come at any time
                }
                default -> fail("unexpected frame " + frame);
            }
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Thread.sleep(left / 1_000_000);
        }
    }
}
