package io.z3chat.local.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OpenAI-compatible upstream speaking OpenRouter's streaming format (see the shared
 * reference): chunks of {@code data: <chunk json>}, a comment line while "processing",
 * usage in the last chunk, then {@code data: [DONE]}. It serves a non-default base path so the
 * test also proves {@code OPENROUTER_BASE_URL} is honoured.
 */
final class FakeOpenRouter implements AutoCloseable {

    static final String BASE_PATH = "/compat/v1";
    static final String MODEL = "e2e/slow-model";
    /** Multi-byte characters and a code block, so offsets in UTF-16 units are exercised. */
    static final List<String> TOKENS = tokens();
    static final String FULL_REPLY = String.join("", TOKENS);
    static final String TITLE = "Greeting the fake model";
    /** The reply stops after this many tokens until the test releases it: a generation still in flight. */
    static final int HOLD_AT = 20;
    static final String HELD_PREFIX = String.join("", TOKENS.subList(0, HOLD_AT));
    /**
     * A model whose reply is {@link #LONG_REPLY}: 6,000 chunks of 1,000 characters, sent as fast as they are read;
     * more than a loopback connection's kernel buffers (up to 4 MiB of send buffer) hold for a client that stops reading.
     */
    static final String LONG_MODEL = "e2e/long-model";
    static final List<String> LONG_TOKENS = longTokens();
    static final String LONG_REPLY = String.join("", LONG_TOKENS);

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final long delayMillis;
    final AtomicInteger streamedCompletions = new AtomicInteger();
    private volatile CountDownLatch released = new CountDownLatch(1);

    FakeOpenRouter(long delayMillisPerToken) throws IOException {
        this.delayMillis = delayMillisPerToken;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext(BASE_PATH + "/models", this::models);
        server.createContext(BASE_PATH + "/chat/completions", this::completions);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + BASE_PATH;
    }

    private void models(HttpExchange exchange) throws IOException {
        byte[] body = JSON.writeValueAsBytes(Map.of("data", List.of(model(MODEL, "E2E slow model"),
                model(LONG_MODEL, "E2E long model"))));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, Object> model(String id, String name) {
        return Map.of(
                "id", id, "name", name, "created", 1739458867, "context_length", 8192,
                "description", "fake", "pricing", Map.of("prompt", "0", "completion", "0"),
                "architecture", Map.of("input_modalities", List.of("text"), "output_modalities", List.of("text")),
                "top_provider", Map.of("context_length", 8192, "max_completion_tokens", 1024, "is_moderated", false),
                "supported_parameters", List.of("temperature", "max_tokens"));
    }

    private void completions(HttpExchange exchange) throws IOException {
        CountDownLatch hold = released;
        JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
        if (!request.path("stream").asBoolean(false)) {
            byte[] body = JSON.writeValueAsBytes(Map.of("id", "gen-title", "model", request.path("model").asString(),
                    "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                            "message", Map.of("role", "assistant", "content", TITLE)))));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            return;
        }
        streamedCompletions.incrementAndGet();
        boolean titleRequest = isTitleRequest(request);
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().add("X-Generation-Id", "gen-e2e");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            write(out, ": OPENROUTER PROCESSING\n\n");
            boolean longReply = LONG_MODEL.equals(request.path("model").asString(""));
            List<String> tokens = titleRequest ? List.of(TITLE) : longReply ? LONG_TOKENS : TOKENS;
            for (int i = 0; i < tokens.size(); i++) {
                String token = tokens.get(i);
                if (!titleRequest && !longReply && i == HOLD_AT) {
                    awaitRelease(hold);
                }
                if (!longReply) {
                    pause();
                }
                write(out, "data: " + chunk(token, null) + "\n\n");
            }
            write(out, "data: " + chunk("", "stop") + "\n\n");
            write(out, "data: " + usageChunk(tokens.size()) + "\n\n");
            write(out, "data: [DONE]\n\n");
        } catch (IOException clientWentAway) {
            // a cancelled generation closes the connection: that is the expected way to stop
        }
    }

    private boolean isTitleRequest(JsonNode request) {
        for (JsonNode message : request.path("messages")) {
            String content = message.path("content").asString("").toLowerCase();
            if (message.path("role").asString("").equals("system") && content.contains("title")) {
                return true;
            }
        }
        return false;
    }

    /** Lets every held reply go on (the hold happens once: later replies pass straight through until {@link #holdNext}). */
    void release() {
        released.countDown();
    }

    /** Replies of {@link #MODEL} that start from now on stop after {@link #HOLD_AT} tokens again, until {@link #release}. */
    void holdNext() {
        released = new CountDownLatch(1);
    }

    private static void awaitRelease(CountDownLatch hold) {
        try {
            hold.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pause() {
        try {
            Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String chunk(String content, String finishReason) {
        Map<String, Object> choice = new java.util.LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("delta", Map.of("role", "assistant", "content", content));
        choice.put("finish_reason", finishReason);
        choice.put("native_finish_reason", finishReason);
        return JSON.writeValueAsString(Map.of("id", "gen-e2e", "provider", "Fake", "model", MODEL,
                "object", "chat.completion.chunk", "created", 1739458867, "choices", List.of(choice)));
    }

    private static String usageChunk(int completionTokens) {
        return JSON.writeValueAsString(Map.of("id", "gen-e2e", "provider", "Fake", "model", MODEL,
                "object", "chat.completion.chunk", "created", 1739458867,
                "choices", List.of(Map.of("index", 0, "delta", Map.of("content", ""), "finish_reason", "stop")),
                "usage", Map.of("prompt_tokens", 12, "completion_tokens", completionTokens,
                        "total_tokens", 12 + completionTokens, "cost", 0.00042)));
    }

    private static List<String> tokens() {
        List<String> tokens = new ArrayList<>();
        for (String word : ("Hello from the fake model 👋 — 亚洲 and ünïcödé words, streamed one token at a time "
                + "so that the socket can drop in the middle. ").split("(?<= )")) {
            tokens.add(word);
        }
        tokens.add("```java\n");
        tokens.add("System.out.println(\"z3chat\");\n");
        tokens.add("```\n");
        for (int i = 1; i <= 30; i++) {
            tokens.add("line " + i + " 🚀\n");
        }
        tokens.add("The end.");
        return List.copyOf(tokens);
    }

    private static List<String> longTokens() {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            String head = "chunk " + i + " ";
            tokens.add(head + "x".repeat(999 - head.length()) + "\n");
        }
        return List.copyOf(tokens);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
