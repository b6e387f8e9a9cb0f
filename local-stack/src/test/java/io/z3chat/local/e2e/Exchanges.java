package io.z3chat.local.e2e;

import io.z3chat.local.StackConfig;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Steps the end-to-end tests share: ids, free ports, a {@code send} frame, joining deltas, finding saved messages. */
final class Exchanges {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Exchanges() {
    }

    /** A 21-character id of the alphabet the browser uses for chat and message ids. */
    static String randomId() {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < 21; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    /** A stack of the packaged services on free ports with a fresh data directory, as the failsafe run passes them. */
    static StackConfig stackConfig(String name, String openRouterBaseUrl, Map<String, String> serviceEnv) throws IOException {
        Path repoRoot = Path.of(System.getProperty("z3chat.repo.root", "..")).toAbsolutePath().normalize();
        Path stackJar = Path.of(System.getProperty("z3chat.stack.jar", "target/local-stack.jar")).toAbsolutePath();
        int[] ports = freePorts(5);
        return new StackConfig(repoRoot, stackJar, Files.createTempDirectory("z3chat-" + name),
                ports[0], ports[1], ports[2], ports[3], ports[4],
                openRouterBaseUrl == null ? null : "e2e-test-key", openRouterBaseUrl, serviceEnv);
    }

    /** The same stack with more environment for its services. */
    static StackConfig withServiceEnv(StackConfig config, Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>(config.serviceEnv());
        env.putAll(extra);
        return new StackConfig(config.repoRoot(), config.stackJar(), config.workDir(), config.gatewayPort(),
                config.persistencePort(), config.llmProxyPort(), config.storePort(), config.oidcPort(),
                config.openRouterApiKey(), config.openRouterBaseUrl(), env);
    }

    /**
     * {@code count} distinct free ports: every socket stays open until all are picked, so the system cannot hand
     * the same port out twice (closing each before asking for the next once gave two services one port).
     */
    static int[] freePorts(int count) throws IOException {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0);
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static Map<String, Object> sendFrame(String requestId, String chatId, String messageId, String content, String model) {
        Map<String, Object> send = new LinkedHashMap<>();
        send.put("type", "send");
        send.put("requestId", requestId);
        send.put("chatId", chatId);
        send.put("message", Map.of("id", messageId, "content", content));
        send.put("model", model);
        return send;
    }

    /** Adds a delta to what the client has, failing on a gap; a repeat of what it has is kept once. */
    static void appendDelta(StringBuilder received, JsonNode delta, String generationId) {
        assertEquals(generationId, delta.path("generationId").asString());
        int offset = delta.path("offset").asInt();
        String text = delta.path("text").asString();
        if (offset > received.length()) {
            fail("gap: delta at " + offset + " but the client has " + received.length());
        }
        received.setLength(offset);
        received.append(text);
    }

    /** Reads a reply's deltas into what the client has until its {@code done}; an {@code error} frame fails the test. */
    static JsonNode readUntilDone(ChatSocket socket, StringBuilder received, String generationId, Duration timeout)
            throws InterruptedException {
        while (true) {
            JsonNode frame = socket.next(timeout);
            switch (frame.path("type").asString("")) {
                case "delta" -> appendDelta(received, frame, generationId);
                case "done" -> {
                    return frame;
                }
                case "error" -> fail("error frame while the reply streamed: " + frame);
                default -> { }
            }
        }
    }

    static JsonNode findMessage(JsonNode page, String messageId) {
        for (JsonNode message : page.path("messages")) {
            if (messageId.equals(message.path("id").asString())) {
                return message;
            }
        }
        throw new AssertionError("message " + messageId + " not in " + page);
    }

    /** Reads the chat through the gateway until the message has the status, failing after the timeout. */
    static JsonNode awaitStatus(BrowserSession session, String chatId, String messageId, String status, Duration timeout)
            throws Exception {
        return awaitMessage(session, chatId, messageId, m -> status.equals(m.path("status").asString()),
                "status " + status, timeout);
    }

    /** Reads the chat through the gateway until the message matches, failing after the timeout with what it was. */
    static JsonNode awaitMessage(BrowserSession session, String chatId, String messageId, Predicate<JsonNode> condition,
            String what, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "never read";
        do {
            try {
                JsonNode message = findMessage(session.apiJson("/api/chat/" + chatId), messageId);
                if (condition.test(message)) {
                    return message;
                }
                last = abbreviate(message.toString());
            } catch (AssertionError | IOException notYet) {
                // not saved yet, or a service on the way is down for the test
                last = abbreviate(String.valueOf(notYet.getMessage()));
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("message " + messageId + " never had " + what + " within " + timeout.toSeconds() + " s: " + last);
    }

    private static String abbreviate(String text) {
        return text.length() <= 600 ? text : text.substring(0, 600) + "...";
    }
}
