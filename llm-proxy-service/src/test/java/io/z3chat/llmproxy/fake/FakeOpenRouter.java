package io.z3chat.llmproxy.fake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A fake OpenRouter speaking the wire format of the reference notes, under the base path {@code /compat/v1}
 * (not {@code /api/v1}, so the base URL is really honoured). The model name picks a scenario: the part before
 * {@code #} names it, the whole name keys what is recorded, so each test can use its own.
 */
public final class FakeOpenRouter {

    public static final String BASE_PATH = "/compat/v1";

    /** Bytes as OpenRouter sends them: comments, a role chunk, multi-byte text, usage last, CRLF endings. */
    public static final String CHUNKED_TEXT = "Hello 亚洲, café 🎉! Done.";

    public record Received(JsonObject body, Map<String, String> headers, long atNanos) {
    }

    private final Vertx vertx;
    private HttpServer server;
    private final Map<String, List<Received>> requests = new ConcurrentHashMap<>();
    private final Set<String> disconnected = ConcurrentHashMap.newKeySet();
    private final Set<String> openGates = ConcurrentHashMap.newKeySet();
    private final Map<String, List<Runnable>> gateWaiters = new ConcurrentHashMap<>();
    private volatile boolean modelsFailing;
    private volatile boolean down;
    private final List<String> modelListCalls = new CopyOnWriteArrayList<>();

    public FakeOpenRouter(Vertx vertx) {
        this.vertx = vertx;
    }

    public int start() {
        server = vertx.createHttpServer().requestHandler(this::handle);
        return server.listen(0).toCompletionStage().toCompletableFuture().join().actualPort();
    }

    public void stop() {
        server.close().toCompletionStage().toCompletableFuture().join();
    }

    public List<Received> requests(String model) {
        return requests.getOrDefault(model, List.of());
    }

    public boolean sawDisconnect(String model) {
        return disconnected.contains(model);
    }

    /** Lets a gated stream go on. */
    public void open(String model) {
        openGates.add(model);
        List<Runnable> waiting = gateWaiters.remove(model);
        if (waiting != null) {
            waiting.forEach(Runnable::run);
        }
    }

    /** While down every request has its connection closed unanswered. */
    public void down(boolean isDown) {
        down = isDown;
    }

    public void modelsFailing(boolean failing) {
        modelsFailing = failing;
    }

    public int modelListCalls() {
        return modelListCalls.size();
    }

    /** The Authorization header of every model list request, in order. */
    public List<String> modelListAuthorizations() {
        return List.copyOf(modelListCalls);
    }

    private void handle(HttpServerRequest request) {
        if (down) {
            request.connection().close();
        } else if (request.path().equals(BASE_PATH + "/models")) {
            models(request);
        } else if (request.path().equals(BASE_PATH + "/chat/completions") && request.method().name().equals("POST")) {
            request.body().onSuccess(body -> completions(request, body.toJsonObject()));
        } else {
            request.response().setStatusCode(404).end();
        }
    }

    private void models(HttpServerRequest request) {
        modelListCalls.add(String.valueOf(request.getHeader("Authorization")));
        if (modelsFailing) {
            request.response().setStatusCode(500).end("{\"error\":{\"code\":500,\"message\":\"down\"}}");
            return;
        }
        JsonObject full = new JsonObject()
                .put("id", "openai/gpt-4o-mini").put("name", "OpenAI: GPT-4o-mini").put("created", 1721260800)
                .put("description", "Small and fast.").put("context_length", 128000)
                .put("architecture", new JsonObject().put("input_modalities", new JsonArray().add("text").add("image"))
                        .put("output_modalities", new JsonArray().add("text")).put("tokenizer", "GPT"))
                .put("pricing", new JsonObject().put("prompt", "0.00000015").put("completion", "0.0000006")
                        .put("request", "0").put("image", "0.000217"))
                .put("top_provider", new JsonObject().put("context_length", 128000)
                        .put("max_completion_tokens", 16384).put("is_moderated", true))
                .put("supported_parameters", new JsonArray().add("temperature").add("max_tokens"));
        JsonObject bare = new JsonObject().put("id", "local/llama").put("object", "model").put("owned_by", "me");
        request.response().putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("data", new JsonArray().add(full).add(bare)).encode());
    }

    private void completions(HttpServerRequest request, JsonObject body) {
        String model = body.getString("model");
        Map<String, String> headers = new ConcurrentHashMap<>();
        request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
        List<Received> seen = requests.computeIfAbsent(model, m -> new CopyOnWriteArrayList<>());
        seen.add(new Received(body, headers, System.nanoTime()));
        HttpServerResponse response = request.response();
        response.closeHandler(v -> disconnected.add(model));
        String scenario = model.contains("#") ? model.substring(0, model.indexOf('#')) : model;
        switch (scenario) {
            case "fake/hello" -> stream(response, model, List.of(sse(chunk(model, "Hello", null)),
                    sse(chunk(model, " world", "stop")), sse(usage(model, 9, 2)), "data: [DONE]\n\n"));
            case "fake/chunked" -> chunked(response, model);
            case "fake/reasoning" -> stream(response, model, List.of(
                    sse(delta(model, new JsonObject().put("reasoning", "Let me think."), null)),
                    sse(chunk(model, "Answer.", "stop")), sse(usage(model, 5, 12)), "data: [DONE]\n\n"));
            case "fake/mid-error" -> stream(response, model, List.of(sse(chunk(model, "Partial ", null)),
                    sse(chunk(model, "answer", null)),
                    sse(new JsonObject().put("id", "gen-x").put("object", "chat.completion.chunk")
                            .put("model", model).put("provider", "OpenAI")
                            .put("error", new JsonObject().put("code", 502).put("message", "Provider returned error")
                                    .put("metadata", new JsonObject().put("provider_name", "OpenAI")))
                            .put("choices", new JsonArray().add(new JsonObject().put("index", 0)
                                    .put("delta", new JsonObject().put("content", "")).put("finish_reason", "error"))))));
            case "fake/cut" -> {
                response.setChunked(true).putHeader("Content-Type", "text/event-stream");
                response.write(sse(chunk(model, "Half a", null)));
                vertx.setTimer(20, id -> response.write(sse(chunk(model, " sentence", null)))
                        .onComplete(done -> request.connection().close()));
            }
            case "fake/ends-early" -> stream(response, model, List.of(sse(chunk(model, "Cut", null)),
                    sse(chunk(model, " short", null))));
            case "fake/slow-first" -> slowFirst(response, model);
            case "fake/status-401" -> error(response, 401, "User not found.", null);
            case "fake/status-402" -> error(response, 402, "Insufficient credits", null);
            case "fake/status-502" -> error(response, 502, "Provider returned error", null);
            case "fake/status-429-long" -> error(response, 429, "Rate limit exceeded", "120");
            case "fake/429-then-hello" -> {
                if (seen.size() == 1) {
                    error(response, 429, "Rate limit exceeded", "1");
                } else {
                    stream(response, model, List.of(sse(chunk(model, "Hello after waiting", "stop")),
                            "data: [DONE]\n\n"));
                }
            }
            case "fake/gated" -> gated(response, model, body);
            case "fake/sized" -> sized(response, model, body);
            case "fake/endless" -> endless(response, model, 0);
            case "fake/title" -> stream(response, model, List.of(
                    sse(chunk(model, "\"Rust borrow", null)), sse(chunk(model, " checker basics.\"\n", "stop")),
                    "data: [DONE]\n\n"));
            case "fake/slow" -> vertx.setTimer(5000, id -> stream(response, model,
                    List.of(sse(chunk(model, "too late", "stop")), "data: [DONE]\n\n")));
            default -> error(response, 404, "No endpoints found for " + model, null);
        }
    }

    /** The reference's realistic stream, cut into byte pieces at odd places, one of them inside 🎉. */
    private void chunked(HttpServerResponse response, String model) {
        StringBuilder all = new StringBuilder(": OPENROUTER PROCESSING\r\n\r\n");
        all.append(sse(delta(model, new JsonObject().put("role", "assistant").put("content", ""), null)));
        for (String piece : List.of("Hello ", "亚洲", ", café ", "🎉", "! Done.")) {
            all.append(sse(chunk(model, piece, null)).replace("\n", "\r\n"));
        }
        all.append(": OPENROUTER PROCESSING\n\n");
        all.append(sse(delta(model, new JsonObject().put("content", ""), "stop")));
        all.append(sse(usage(model, 14, 6).put("usage", usageJson(14, 6).put("cost", 0.0000123))));
        all.append("data: [DONE]\n\n");
        byte[] bytes = all.toString().getBytes(StandardCharsets.UTF_8);
        int emoji = indexOf(bytes, "🎉".getBytes(StandardCharsets.UTF_8));
        List<byte[]> pieces = new ArrayList<>();
        // 24 falls between the CR and the LF of the first line; emoji + 2 inside the four bytes of 🎉
        int[] cuts = { 7, 24, 30, emoji + 2, emoji + 3, bytes.length - 9 };
        int from = 0;
        for (int cut : cuts) {
            pieces.add(Arrays.copyOfRange(bytes, from, cut));
            from = cut;
        }
        pieces.add(Arrays.copyOfRange(bytes, from, bytes.length));
        response.setChunked(true).putHeader("Content-Type", "text/event-stream");
        writeSlowly(response, pieces, 0, response::end);
    }

    private void slowFirst(HttpServerResponse response, String model) {
        response.setChunked(true).putHeader("Content-Type", "text/event-stream");
        long timer = vertx.setPeriodic(100, id -> response.write(": OPENROUTER PROCESSING\n\n"));
        vertx.setTimer(700, id -> {
            vertx.cancelTimer(timer);
            writeSlowly(response, List.of(sse(chunk(model, "Finally", "stop")).getBytes(StandardCharsets.UTF_8),
                    "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8)), 0, response::end);
        });
    }

    /** Part one, then waits for {@link #open(String)}, then part two. */
    private void gated(HttpServerResponse response, String model, JsonObject body) {
        JsonArray messages = body.getJsonArray("messages");
        String instruction = messages.getJsonObject(messages.size() - 1).getString("content");
        String[] parts = instruction.split("\\|", 2);
        response.setChunked(true).putHeader("Content-Type", "text/event-stream");
        List<byte[]> first = new ArrayList<>();
        for (String token : tokens(parts[0])) {
            first.add(sse(chunk(model, token, null)).getBytes(StandardCharsets.UTF_8));
        }
        Runnable rest = () -> {
            List<byte[]> second = new ArrayList<>();
            for (String token : tokens(parts[1])) {
                second.add(sse(chunk(model, token, null)).getBytes(StandardCharsets.UTF_8));
            }
            second.add(sse(delta(model, new JsonObject().put("content", ""), "stop")).getBytes(StandardCharsets.UTF_8));
            second.add(sse(usage(model, 3, first.size() + second.size())).getBytes(StandardCharsets.UTF_8));
            second.add("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            vertx.runOnContext(v -> writeSlowly(response, second, 0, response::end));
        };
        writeSlowly(response, first, 0, () -> {
            gateWaiters.computeIfAbsent(model, m -> new CopyOnWriteArrayList<>()).add(rest);
            if (openGates.contains(model)) {
                open(model);
            }
        });
    }

    /** As many characters as the last message says, 10,000 to a chunk, the last one an emoji (two UTF-16 units). */
    private void sized(HttpServerResponse response, String model, JsonObject body) {
        JsonArray messages = body.getJsonArray("messages");
        int length = Integer.parseInt(messages.getJsonObject(messages.size() - 1).getString("content"));
        String text = "x".repeat(length - 2) + "🎉";
        List<String> events = new ArrayList<>();
        for (int from = 0, to; from < text.length(); from = to) {
            to = Math.min(text.length(), from + 10_000);
            to -= Character.isHighSurrogate(text.charAt(to - 1)) ? 1 : 0;
            events.add(sse(chunk(model, text.substring(from, to), null)));
        }
        events.add(sse(delta(model, new JsonObject().put("content", ""), "stop")));
        events.add("data: [DONE]\n\n");
        stream(response, model, events);
    }

    private void endless(HttpServerResponse response, String model, int n) {
        if (disconnected.contains(model)) {
            return;
        }
        if (n == 0) {
            response.setChunked(true).putHeader("Content-Type", "text/event-stream");
        }
        response.write(sse(chunk(model, "tick" + n + " ", null)));
        vertx.setTimer(20, id -> endless(response, model, n + 1));
    }

    /** Writes each piece on its own, a few milliseconds apart, then runs {@code then}. */
    private void writeSlowly(HttpServerResponse response, List<byte[]> pieces, int index, Runnable then) {
        if (index == pieces.size()) {
            then.run();
            return;
        }
        response.write(Buffer.buffer(pieces.get(index)));
        vertx.setTimer(5, id -> writeSlowly(response, pieces, index + 1, then));
    }

    private void stream(HttpServerResponse response, String model, List<String> events) {
        response.setChunked(true).putHeader("Content-Type", "text/event-stream");
        writeSlowly(response, events.stream().map(e -> e.getBytes(StandardCharsets.UTF_8)).toList(), 0,
                response::end);
    }

    private static void error(HttpServerResponse response, int status, String message, String retryAfter) {
        if (retryAfter != null) {
            response.putHeader("Retry-After", retryAfter);
        }
        response.setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("error", new JsonObject().put("code", status).put("message", message)
                        .put("metadata", new JsonObject())).encode());
    }

    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        var matcher = java.util.regex.Pattern.compile("\\s*\\S+|\\s+").matcher(text);
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens;
    }

    private static String sse(JsonObject json) {
        return "data: " + json.encode() + "\n\n";
    }

    private static JsonObject chunk(String model, String content, String finishReason) {
        return delta(model, new JsonObject().put("content", content), finishReason);
    }

    private static JsonObject delta(String model, JsonObject delta, String finishReason) {
        return new JsonObject().put("id", "gen-1739458867-kUKFjpDGCEBBvK6V46PX").put("provider", "OpenAI")
                .put("model", model).put("object", "chat.completion.chunk").put("created", 1739458867)
                .put("choices", new JsonArray().add(new JsonObject().put("index", 0).put("delta", delta)
                        .put("finish_reason", finishReason).put("native_finish_reason", finishReason)
                        .putNull("logprobs")))
                .put("system_fingerprint", "fp_72ed7ab54c");
    }

    private static JsonObject usage(String model, int prompt, int completion) {
        return new JsonObject().put("id", "gen-1739458867-kUKFjpDGCEBBvK6V46PX").put("provider", "OpenAI")
                .put("model", model).put("object", "chat.completion.chunk").put("created", 1739458867)
                .put("choices", new JsonArray()).put("usage", usageJson(prompt, completion));
    }

    private static JsonObject usageJson(int prompt, int completion) {
        return new JsonObject().put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion)
                .put("completion_tokens_details", new JsonObject().put("reasoning_tokens", 0));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("not found");
    }
}
