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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * An OpenAI-compatible upstream (OpenRouter's streaming format) whose replies the browser tests
 * script through the message they type, so a test knows exactly what the model says:
 * {@code say: TEXT} streams TEXT quickly, {@code slowly say: TEXT} streams it three characters
 * every 120 ms (time to reload, stop, or look mid-reply); {@code stream N chars:} streams N characters of
 * markdown at 50 chunks a second (the benchmark); anything else gets {@code You said: …}.
 * A second model ({@link #SECOND_MODEL}, for a regenerate with another model) says the same after
 * {@code Second model: }, so a test tells the two apart by the text.
 * A title request answers the first three words of what was said ("Greeting from Ada").
 */
final class ScriptedOpenRouter implements AutoCloseable {

    static final String BASE_PATH = "/scripted/v1";
    static final String MODEL = "browser/scripted-model";
    static final String MODEL_NAME = "Scripted model";
    static final String SECOND_MODEL = "browser/second-model";
    static final String SECOND_MODEL_NAME = "Second scripted model";
    static final String SECOND_MODEL_PREFIX = "Second model: ";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    /** Every streamed completion request (a reply, not a title), oldest first: what the model was sent. */
    final List<JsonNode> replyRequests = new java.util.concurrent.CopyOnWriteArrayList<>();

    ScriptedOpenRouter() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext(BASE_PATH + "/models", this::models);
        server.createContext(BASE_PATH + "/chat/completions", this::completions);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + BASE_PATH;
    }

    /** What the model answers to a user message (the browser tests hold the same rule). */
    record Script(String reply, int chunkChars, long delayMillis) {
        static Script of(String userMessage) {
            var stream = java.util.regex.Pattern.compile("^stream (\\d{1,6}) chars:").matcher(userMessage);
            if (stream.find()) {
                // the benchmark's long reply: markdown, 20 characters a chunk, 50 chunks a second
                return new Script(longReply(Integer.parseInt(stream.group(1))), 20, 20);
            }
            if (userMessage.startsWith("slowly say:")) {
                return new Script(userMessage.substring("slowly say:".length()).strip(), 3, 120);
            }
            if (userMessage.startsWith("say:")) {
                return new Script(userMessage.substring("say:".length()).strip(), 12, 15);
            }
            return new Script("You said: " + userMessage, 12, 15);
        }
    }

    /** {@code length} characters of markdown: paragraphs with emphasis, lists and a code block now and then. */
    static String longReply(int length) {
        StringBuilder out = new StringBuilder(length + 200);
        for (int i = 1; out.length() < length; i++) {
            out.append("Paragraph ").append(i).append(" has **bold**, _emphasis_ and `code`, and enough plain words ")
                    .append("to wrap across the column like a real answer does.\n\n");
            if (i % 5 == 0) {
                out.append("- a list item\n- another one with a [link](https://example.com)\n\n");
            }
            if (i % 8 == 0) {
                out.append("```java\nint answer = ").append(i).append(";\nSystem.out.println(answer);\n```\n\n");
            }
        }
        return out.substring(0, length);
    }

    private void models(HttpExchange exchange) throws IOException {
        respondJson(exchange, Map.of("data", List.of(model(MODEL, MODEL_NAME), model(SECOND_MODEL, SECOND_MODEL_NAME))));
    }

    private static Map<String, Object> model(String id, String name) {
        return Map.of(
                "id", id, "name", name, "created", 1739458867, "context_length", 8192,
                "description", "scripted by the browser tests", "pricing", Map.of("prompt", "0.000001", "completion", "0.000002"),
                "architecture", Map.of("input_modalities", List.of("text"), "output_modalities", List.of("text")),
                "top_provider", Map.of("context_length", 8192, "max_completion_tokens", 4096, "is_moderated", false),
                "supported_parameters", List.of("temperature", "max_tokens"));
    }

    private void completions(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
        String lastUser = "";
        boolean titleRequest = false;
        for (JsonNode message : request.path("messages")) {
            String role = message.path("role").asString("");
            String content = message.path("content").asString("");
            if (role.equals("system") && content.toLowerCase().contains("title")) {
                titleRequest = true;
            }
            if (role.equals("user")) {
                lastUser = content;
            }
        }
        Script script = titleRequest ? new Script(title(lastUser), 64, 0) : Script.of(lastUser);
        if (!titleRequest) {
            replyRequests.add(request);
        }
        String model = SECOND_MODEL.equals(request.path("model").asString("")) ? SECOND_MODEL : MODEL;
        if (!titleRequest && model.equals(SECOND_MODEL)) {
            script = new Script(SECOND_MODEL_PREFIX + script.reply(), script.chunkChars(), script.delayMillis());
        }
        if (!request.path("stream").asBoolean(false)) {
            respondJson(exchange, Map.of("id", "gen-title", "model", MODEL, "choices", List.of(Map.of("index", 0,
                    "finish_reason", "stop", "message", Map.of("role", "assistant", "content", script.reply())))));
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            write(out, ": OPENROUTER PROCESSING\n\n");
            String reply = script.reply();
            int chunks = 0;
            for (int at = 0; at < reply.length(); ) {
                int end = Math.min(reply.length(), at + script.chunkChars());
                if (end < reply.length() && Character.isHighSurrogate(reply.charAt(end - 1))) {
                    end++;
                }
                pause(script.delayMillis());
                write(out, "data: " + chunk(reply.substring(at, end), null, model) + "\n\n");
                at = end;
                chunks++;
            }
            write(out, "data: " + chunk("", "stop", model) + "\n\n");
            write(out, "data: " + usage(chunks, model) + "\n\n");
            write(out, "data: [DONE]\n\n");
        } catch (IOException cancelled) {
            // Stop closes the connection: the expected way for a reply to end early
        }
    }

    /** The first three words of what was said (after {@code say:}), letters and digits only. */
    static String title(String titleRequest) {
        int say = titleRequest.indexOf("say:");
        String said = say >= 0 ? titleRequest.substring(say + "say:".length()) : titleRequest;
        String[] words = said.replaceAll("[^\\p{L}\\p{N} ]", " ").trim().split("\\s+");
        return String.join(" ", List.of(words).subList(0, Math.min(3, words.length)));
    }

    private static void respondJson(HttpExchange exchange, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String chunk(String content, String finishReason, String model) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("delta", Map.of("role", "assistant", "content", content));
        choice.put("finish_reason", finishReason);
        return JSON.writeValueAsString(Map.of("id", "gen-browser", "provider", "Scripted", "model", model,
                "object", "chat.completion.chunk", "created", 1739458867, "choices", List.of(choice)));
    }

    private static String usage(int completionTokens, String model) {
        return JSON.writeValueAsString(Map.of("id", "gen-browser", "provider", "Scripted", "model", model,
                "object", "chat.completion.chunk", "created", 1739458867,
                "choices", List.of(Map.of("index", 0, "delta", Map.of("content", ""), "finish_reason", "stop")),
                "usage", Map.of("prompt_tokens", 10, "completion_tokens", completionTokens,
                        "total_tokens", 10 + completionTokens, "cost", 0.00021)));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
