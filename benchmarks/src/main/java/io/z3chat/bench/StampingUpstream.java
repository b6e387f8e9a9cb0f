package io.z3chat.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenAI-compatible upstream in OpenRouter's streaming format whose models say how they stream:
 * {@code bench/stamp-<chunks>x<ms>} sends {@code <i>@<System.nanoTime()>;} per chunk, stamped just before the chunk
 * is written, so a reader in this JVM knows each chunk's age on receipt; {@code bench/echo-<chunks>x<ms>} sends
 * {@code <last user message>:<i> } per chunk, so a reader knows exactly which text, in which order, is its own.
 * The first chunk goes out at once, the next ones {@code <ms>} apart.
 */
final class StampingUpstream implements AutoCloseable {

    static final String BASE_PATH = "/v1";
    private static final Pattern MODEL = Pattern.compile("bench/(stamp|echo)-(\\d+)x(\\d+)");
    private static final Pattern STAMP = Pattern.compile("(\\d+)@(\\d+);");
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final List<String> models;

    StampingUpstream(List<String> models) throws IOException {
        this.models = List.copyOf(models);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 2048);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext(BASE_PATH + "/models", this::models);
        server.createContext(BASE_PATH + "/chat/completions", this::completions);
        server.start();
    }

    static String stampModel(int chunks, int intervalMillis) {
        return "bench/stamp-" + chunks + "x" + intervalMillis;
    }

    static String echoModel(int chunks, int intervalMillis) {
        return "bench/echo-" + chunks + "x" + intervalMillis;
    }

    /** The reply an echo model streams for this user message. */
    static String echoReply(String userMessage, int chunks) {
        StringBuilder reply = new StringBuilder();
        for (int i = 0; i < chunks; i++) {
            reply.append(userMessage).append(':').append(i).append(' ');
        }
        return reply.toString();
    }

    /** The chunk stamps in a piece of streamed text: chunk number → nanoTime it was written at. */
    static Map<Integer, Long> stamps(String text) {
        Map<Integer, Long> stamps = new LinkedHashMap<>();
        Matcher matcher = STAMP.matcher(text);
        while (matcher.find()) {
            stamps.put(Integer.parseInt(matcher.group(1)), Long.parseLong(matcher.group(2)));
        }
        return stamps;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + BASE_PATH;
    }

    private void models(HttpExchange exchange) throws IOException {
        List<Map<String, Object>> data = new ArrayList<>();
        for (String id : models) {
            data.add(Map.of("id", id, "name", id, "created", 1739458867, "context_length", 8192,
                    "description", "benchmark upstream", "pricing", Map.of("prompt", "0", "completion", "0"),
                    "architecture", Map.of("input_modalities", List.of("text"), "output_modalities", List.of("text")),
                    "top_provider", Map.of("context_length", 8192, "max_completion_tokens", 4096, "is_moderated", false),
                    "supported_parameters", List.of("temperature", "max_tokens")));
        }
        byte[] body = JSON.writeValueAsBytes(Map.of("data", data));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void completions(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
        String model = request.path("model").asString("");
        Matcher shape = MODEL.matcher(model);
        if (!request.path("stream").asBoolean(false) || isTitleRequest(request) || !shape.matches()) {
            title(exchange, request);
            return;
        }
        boolean stamp = shape.group(1).equals("stamp");
        int chunks = Integer.parseInt(shape.group(2));
        long interval = Long.parseLong(shape.group(3));
        String userMessage = lastUserMessage(request);
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < chunks; i++) {
                if (i > 0) {
                    Thread.sleep(interval);
                }
                String content = stamp ? i + "@" + System.nanoTime() + ";" : userMessage + ":" + i + " ";
                write(out, "data: " + chunk(model, content, null) + "\n\n");
            }
            write(out, "data: " + chunk(model, "", "stop") + "\n\n");
            write(out, "data: " + JSON.writeValueAsString(Map.of("id", "gen-bench", "model", model,
                    "object", "chat.completion.chunk", "created", 1739458867,
                    "choices", List.of(Map.of("index", 0, "delta", Map.of("content", ""), "finish_reason", "stop")),
                    "usage", Map.of("prompt_tokens", 10, "completion_tokens", chunks, "total_tokens", 10 + chunks))) + "\n\n");
            write(out, "data: [DONE]\n\n");
        } catch (IOException clientWentAway) {
            // a cancelled or abandoned generation closes the connection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void title(HttpExchange exchange, JsonNode request) throws IOException {
        boolean stream = request.path("stream").asBoolean(false);
        String model = request.path("model").asString("");
        byte[] body;
        if (stream) {
            body = ("data: " + chunk(model, "Benchmark chat", "stop") + "\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        } else {
            body = JSON.writeValueAsBytes(Map.of("id", "gen-title", "model", model, "choices", List.of(Map.of(
                    "index", 0, "finish_reason", "stop", "message", Map.of("role", "assistant", "content", "Benchmark chat")))));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static boolean isTitleRequest(JsonNode request) {
        for (JsonNode message : request.path("messages")) {
            if (message.path("role").asString("").equals("system")
                    && message.path("content").asString("").toLowerCase().contains("title")) {
                return true;
            }
        }
        return false;
    }

    private static String lastUserMessage(JsonNode request) {
        String last = "";
        for (JsonNode message : request.path("messages")) {
            if (message.path("role").asString("").equals("user")) {
                last = message.path("content").asString("");
            }
        }
        return last;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String chunk(String model, String content, String finishReason) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("delta", Map.of("role", "assistant", "content", content));
        choice.put("finish_reason", finishReason);
        return JSON.writeValueAsString(Map.of("id", "gen-bench", "provider", "Bench", "model", model,
                "object", "chat.completion.chunk", "created", 1739458867, "choices", List.of(choice)));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
