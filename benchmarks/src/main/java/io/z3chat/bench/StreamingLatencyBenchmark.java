package io.z3chat.bench;

import com.mongodb.client.MongoCollection;
import io.z3chat.local.e2e.BrowserSession;
import org.bson.Document;
import tools.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * SPEC 9, first token and per chunk: one stream at a time, alternately read straight from a fake upstream that stamps
 * each chunk with the moment it wrote it, and through the gateway (send over the socket, llm-proxy streaming from
 * the same upstream). First token: from the request (or {@code send}) to the first chunk (or {@code delta}).
 * Per chunk: from the upstream's write of a chunk to the reader's receipt of it.
 */
final class StreamingLatencyBenchmark {

    private static final int CHUNKS = 20;
    private static final int INTERVAL_MS = 20;
    private static final String MODEL = StampingUpstream.stampModel(CHUNKS, INTERVAL_MS);
    private static final int WARM_UP = Integer.getInteger("bench.warmup.streams", 40);
    private static final int MEASURED = Integer.getInteger("bench.measure.streams", 150);

    private final Budget budget = new Budget();
    private final HttpClient http = HttpClient.newHttpClient();

    Budget run() throws Exception {
        System.out.println("Streaming latency benchmark on " + Machine.describe());
        try (StampingUpstream upstream = new StampingUpstream(List.of(MODEL));
             BenchStack stack = BenchStack.start("streaming", upstream.baseUrl(), Map.of(
                     // one user sends far more often than a person's 20 messages a minute
                     "Z3CHAT_RATE_LIMIT_MESSAGES_PER_MINUTE", "1000000",
                     "Z3CHAT_RATE_LIMIT_REQUESTS_PER_SECOND", "1000000",
                     "Z3CHAT_RATE_LIMIT_REQUESTS_BURST", "1000000"))) {
            BrowserSession session = stack.signIn("streaming@example.com");
            String chatId = id();
            Latencies directFirst = new Latencies();
            Latencies gatewayFirst = new Latencies();
            Latencies directChunk = new Latencies();
            Latencies gatewayChunk = new Latencies();
            System.out.println("warming up (" + WARM_UP + " streams each way) ...");
            for (int i = 0; i < WARM_UP; i++) {
                direct(upstream, new Latencies(), new Latencies());
                throughGateway(session, chatId, new Latencies(), new Latencies());
            }
            System.out.println("measuring (" + MEASURED + " streams each way, " + CHUNKS + " chunks " + INTERVAL_MS + " ms apart) ...");
            for (int i = 0; i < MEASURED; i++) {
                direct(upstream, directFirst, directChunk);
                throughGateway(session, chatId, gatewayFirst, gatewayChunk);
            }
            Latencies storeWrite = storeWrites(stack.database().getCollection("bench_writes"));

            budget.info("first token, straight from the upstream", directFirst.summary());
            budget.info("first token, through gateway + llm-proxy", gatewayFirst.summary());
            budget.info("one store write (insert of a message, straight)", storeWrite.summary());
            budget.atMost("first token: gateway + llm-proxy add at p50", gatewayFirst.p50() - directFirst.p50(),
                    storeWrite.p50() + 10, "ms");
            budget.info("  (budget: one store write p50 + 10 ms)", String.format("%.2f ms + 10 ms", storeWrite.p50()));
            budget.info("per chunk, straight from the upstream", directChunk.summary());
            budget.info("per chunk, through gateway + llm-proxy", gatewayChunk.summary());
            budget.atMost("per chunk: gateway + llm-proxy add at p50", gatewayChunk.p50() - directChunk.p50(), 5, "ms");
            budget.atMost("per chunk: gateway + llm-proxy add at p99", gatewayChunk.p99() - directChunk.p99(), 15, "ms");
            budget.printSummary("streaming latency (" + Machine.describe() + ")");
        }
        return budget;
    }

    /** One stream read straight from the upstream, as llm-proxy reads it. */
    private void direct(StampingUpstream upstream, Latencies first, Latencies perChunk) throws Exception {
        String body = BrowserSession.JSON.writeValueAsString(Map.of("model", MODEL, "stream", true,
                "messages", List.of(Map.of("role", "user", "content", "Hello"))));
        long sent = System.nanoTime();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(upstream.baseUrl() + "/chat/completions"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        int seen = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                long receivedAt = System.nanoTime();
                if (!line.startsWith("data: {")) {
                    continue;
                }
                JsonNode chunk = BrowserSession.JSON.readTree(line.substring(6));
                String content = chunk.path("choices").path(0).path("delta").path("content").asString("");
                Map<Integer, Long> stamps = StampingUpstream.stamps(content);
                if (!stamps.isEmpty() && seen == 0) {
                    first.add(receivedAt - sent);
                }
                for (long stamp : stamps.values()) {
                    perChunk.add(receivedAt - stamp);
                }
                seen += stamps.size();
            }
        }
        if (seen != CHUNKS) {
            throw new AssertionError("the upstream sent " + seen + " of " + CHUNKS + " chunks");
        }
    }

    /** One exchange over the socket: {@code send}, deltas, {@code done}. */
    private void throughGateway(BrowserSession session, String chatId, Latencies first, Latencies perChunk) throws Exception {
        CompletableFuture<JsonNode> done = new CompletableFuture<>();
        long[] sent = new long[1];
        int[] seen = new int[1];
        TimedSocket socket = TimedSocket.open(session, (frame, receivedAt) -> {
            switch (frame.path("type").asString("")) {
                case "delta" -> {
                    Map<Integer, Long> stamps = StampingUpstream.stamps(frame.path("text").asString(""));
                    if (seen[0] == 0 && !stamps.isEmpty()) {
                        first.add(receivedAt - sent[0]);
                    }
                    for (long stamp : stamps.values()) {
                        perChunk.add(receivedAt - stamp);
                    }
                    seen[0] += stamps.size();
                }
                case "done" -> done.complete(frame);
                case "error" -> done.completeExceptionally(new AssertionError("error frame: " + frame));
                default -> {
                }
            }
        });
        try {
            sent[0] = System.nanoTime();
            socket.send(Map.of("type", "send", "requestId", id(), "chatId", chatId,
                    "message", Map.of("id", id(), "content", "Hello"), "model", MODEL));
            JsonNode frame = done.get(60, TimeUnit.SECONDS);
            if (!"complete".equals(frame.path("status").asString()) || seen[0] != CHUNKS) {
                throw new AssertionError("the reply ended " + frame + " after " + seen[0] + " of " + CHUNKS + " chunks");
            }
        } finally {
            socket.close();
        }
    }

    /** What one store write costs here: inserts of a user message's size straight into the store. */
    private static Latencies storeWrites(MongoCollection<Document> scratch) {
        Latencies latencies = new Latencies();
        for (int i = 0; i < 300; i++) {
            Document message = new Document("_id", id()).append("chatId", id()).append("userEmail", "streaming@example.com")
                    .append("role", "user").append("content", "Hello").append("status", "complete")
                    .append("timestamp", new java.util.Date());
            long t0 = System.nanoTime();
            scratch.insertOne(message);
            if (i >= 100) {
                latencies.add(System.nanoTime() - t0);
            }
        }
        scratch.drop();
        return latencies;
    }

    private static String id() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 21);
    }
}
