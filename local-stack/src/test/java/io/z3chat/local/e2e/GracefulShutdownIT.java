package io.z3chat.local.e2e;

import io.z3chat.local.LocalStack;
import io.z3chat.local.StackConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real SIGTERM to the llm-proxy replica streaming a reply, as Kubernetes sends on a rollout or a
 * scale-down: its readiness goes DOWN first (QUARKUS_SHUTDOWN_DELAY), the reply in flight streams on
 * to its end within the bounded drain (QUARKUS_SHUTDOWN_TIMEOUT), is saved complete, and only then
 * does the process exit, on its own.
 */
class GracefulShutdownIT {

    private static final Duration FRAME_TIMEOUT = Duration.ofSeconds(30);
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

    private static FakeOpenRouter openRouter;
    private static LocalStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        // about 8 s of streaming: long enough to outlast the readiness delay
        openRouter = new FakeOpenRouter(150);
        openRouter.release();
        Path repoRoot = Path.of(System.getProperty("z3chat.repo.root", "..")).toAbsolutePath().normalize();
        Path stackJar = Path.of(System.getProperty("z3chat.stack.jar", "target/local-stack.jar")).toAbsolutePath();
        StackConfig config = new StackConfig(repoRoot, stackJar, Files.createTempDirectory("z3chat-shutdown"),
                freePort(), freePort(), freePort(), freePort(), freePort(),
                "shutdown-test-key", openRouter.baseUrl(),
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
    void aReplyInFlightOnAnLlmProxyGivenSigtermStreamsToItsEndIsSavedCompleteAndThenTheProcessExits() throws Exception {
        StackConfig config = stack.config();
        BrowserSession alice = new BrowserSession(config.gatewayUrl());
        alice.signIn("drain@example.com");
        ChatSocket socket = alice.openSocket(config.gatewayUrl(), config.gatewayUrl());
        String chatId = randomId();
        Map<String, Object> send = new LinkedHashMap<>();
        send.put("type", "send");
        send.put("requestId", "req-drain");
        send.put("chatId", chatId);
        send.put("message", Map.of("id", randomId(), "content", "Keep going while I shut down"));
        send.put("model", FakeOpenRouter.MODEL);
        socket.send(send);
        socket.nextOfType("ack", FRAME_TIMEOUT);
        JsonNode start = socket.nextOfType("start", FRAME_TIMEOUT);
        String generationId = start.path("generationId").asString();
        String replyId = start.path("messageId").asString();
        StringBuilder received = new StringBuilder();
        while (received.length() < 20) {
            append(received, socket.nextOfType("delta", FRAME_TIMEOUT), generationId);
        }

        ProcessHandle llmProxy = serviceProcess("llm-proxy-service");
        assertTrue(llmProxy.destroy(), "SIGTERM sent to llm-proxy-service");

        // readiness goes down first, while the reply keeps streaming
        String readiness = stack.managementUrl("llm-proxy-service") + "/q/health/ready";
        int status = 200;
        while (status == 200 && llmProxy.isAlive()) {
            Thread.sleep(100);
            status = statusOf(readiness);
        }
        assertEquals(503, status, "readiness reports DOWN before the replica stops");

        JsonNode done = null;
        while (done == null) {
            JsonNode frame = socket.next(FRAME_TIMEOUT);
            switch (frame.path("type").asString("")) {
                case "delta" -> append(received, frame, generationId);
                case "done" -> done = frame;
                case "error" -> fail("the reply in flight failed while its replica drained: " + frame);
                default -> { }
            }
        }
        assertEquals("complete", done.path("status").asString());
        assertEquals(FakeOpenRouter.FULL_REPLY, received.toString());

        // the replica exits by itself once the drain is over (nothing here ever kills it)
        llmProxy.onExit().get(90, TimeUnit.SECONDS);
        assertTrue(!llmProxy.isAlive());

        JsonNode saved = null;
        for (JsonNode message : alice.apiJson("/api/chat/" + chatId).path("messages")) {
            if (message.path("id").asString().equals(replyId)) {
                saved = message;
            }
        }
        assertTrue(saved != null, "the reply is saved");
        assertEquals("complete", saved.path("status").asString());
        assertEquals(FakeOpenRouter.FULL_REPLY, saved.path("content").asString());
    }

    private static void append(StringBuilder received, JsonNode delta, String generationId) {
        assertEquals(generationId, delta.path("generationId").asString());
        assertEquals(received.length(), delta.path("offset").asInt(), "deltas join without gap or overlap");
        received.append(delta.path("text").asString());
    }

    /** The service's JVM among this test's child processes (LocalStack runs each from its module's jar). */
    private static ProcessHandle serviceProcess(String module) {
        String jar = module + "/target/quarkus-app/quarkus-run.jar";
        List<ProcessHandle> found = ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains(jar)).toList();
        assertEquals(1, found.size(), "one " + module + " process: " + found);
        return found.get(0);
    }

    private static int statusOf(String url) throws InterruptedException {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException gone) {
            return -1;
        }
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
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
