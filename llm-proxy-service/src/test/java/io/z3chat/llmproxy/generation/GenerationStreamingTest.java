package io.z3chat.llmproxy.generation;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.z3chat.llmproxy.fake.Api;
import io.z3chat.llmproxy.fake.FakeOpenRouter;
import io.z3chat.llmproxy.fake.FakePersistence;
import io.z3chat.llmproxy.fake.FakeServices;
import io.z3chat.llmproxy.fake.InjectFake;
import io.z3chat.llmproxy.fake.SseClient;
import io.z3chat.llmproxy.fake.SseClient.Event;

@QuarkusTest
@WithTestResource(FakeServices.class)
class GenerationStreamingTest {

    @InjectFake
    FakeOpenRouter openRouter;

    @InjectFake
    FakePersistence persistence;

    @Test
    void streamsAReplyAsSseAndSavesItWithUsageAndTiming() {
        String user = Api.user();
        String messageId = Api.id("msg");
        String model = "fake/hello#" + messageId;
        try (SseClient stream = Api.start(user, Api.generation(Api.id("chat"), messageId, model, "Say hello"))) {
            stream.untilDone();
            List<Event> events = stream.received();

            Event start = events.get(0);
            assertEquals("start", start.type());
            assertEquals("start", start.data().getString("type"));
            String generationId = start.data().getString("generationId");
            assertTrue(generationId.matches("gen_[A-Za-z0-9_-]{21}"), generationId);
            assertEquals("http://llm-proxy-0.test:8082", start.data().getString("owner"));
            assertEquals(messageId, start.data().getString("messageId"));
            assertEquals(model, start.data().getString("model"));
            assertEquals("Hello world", Replies.joined(events));

            JsonObject done = events.get(events.size() - 1).data();
            assertEquals("complete", done.getString("status"));
            assertEquals(new JsonObject().put("promptTokens", 9).put("completionTokens", 2).put("totalTokens", 11),
                    done.getJsonObject("usage"));
            JsonObject timing = done.getJsonObject("timing");
            assertNotNull(timing.getLong("ttftMs"));
            assertTrue(timing.getLong("durationMs") >= timing.getLong("ttftMs"));
            assertTrue(timing.getDouble("tokensPerSecond") > 0, timing.encode());
            assertFalse(done.containsKey("error"));

            // the initial checkpoint goes beside the upstream request (start does not wait for it), before any other
            await().atMost(Duration.ofSeconds(10)).until(() -> persistence.patches(messageId).stream()
                    .anyMatch(p -> p.status().equals("streaming")));
            FakePersistence.Patch initial = persistence.patches(messageId).stream()
                    .filter(p -> p.status().equals("streaming")).findFirst().orElseThrow();
            assertEquals("streaming", initial.status());
            assertEquals("", initial.content());
            assertEquals(generationId, initial.body().getString("generationId"));
            assertEquals("http://llm-proxy-0.test:8082", initial.body().getString("generationOwner"));
            assertEquals(user, initial.user());

            await().atMost(Duration.ofSeconds(10)).until(() -> persistence.finishes(messageId).size() == 1);
            JsonObject saved = persistence.finishes(messageId).get(0).body();
            assertEquals("Hello world", saved.getString("content"));
            assertEquals("complete", saved.getString("status"));
            assertEquals(done.getJsonObject("usage"), saved.getJsonObject("usage"));
            assertEquals(generationId, saved.getString("generationId"));
            assertEquals("OpenAI", saved.getString("provider"));
            assertEquals(model, saved.getString("model"));
            assertNotNull(saved.getJsonObject("timing").getLong("durationMs"));
        }
    }

    @Test
    void sendsTheKeyAttributionAndEveryRequestField() {
        String user = Api.user();
        String messageId = Api.id("msg");
        String model = "fake/hello#" + messageId;
        JsonObject body = Api.generation(Api.id("chat"), messageId, model, "Hi").put("temperature", 0.3)
                .put("maxTokens", 64).put("fallbackModels", new JsonArray().add("fake/hello#fallback"));
        try (SseClient stream = Api.start(user, body)) {
            stream.untilDone();
        }
        FakeOpenRouter.Received received = openRouter.requests(model).get(0);
        assertEquals("Bearer test-key", received.headers().get("authorization"));
        assertEquals("https://z3chat.test", received.headers().get("http-referer"));
        assertEquals("z3chat", received.headers().get("x-openrouter-title"));
        JsonObject sent = received.body();
        assertEquals(model, sent.getString("model"));
        assertEquals(true, sent.getBoolean("stream"));
        assertEquals(0.3, sent.getDouble("temperature"));
        assertEquals(64, sent.getInteger("max_tokens"));
        assertEquals(new JsonArray().add("fake/hello#fallback"), sent.getJsonArray("models"));
        assertEquals(2, sent.getJsonArray("messages").size());
        assertEquals(new JsonObject().put("role", "user").put("content", "Hi"),
                sent.getJsonArray("messages").getJsonObject(1));
        String pseudonym = sent.getString("user");
        assertTrue(pseudonym.startsWith("z3u_") && !pseudonym.contains(user), "the upstream never sees the email");
    }

    @Test
    void putsBackBytesCutAnywhereSkipsCommentsAndTakesUsageFromTheLastChunk() {
        String messageId = Api.id("msg");
        try (SseClient stream = Api.startScenario("fake/chunked", messageId)) {
            List<Event> events = stream.untilDone();
            assertEquals(FakeOpenRouter.CHUNKED_TEXT, Replies.joined(events));
            JsonObject usage = events.get(events.size() - 1).data().getJsonObject("usage");
            assertEquals(20, usage.getInteger("totalTokens"));
            assertEquals(0.0000123, usage.getDouble("cost"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> persistence.finishes(messageId).size() == 1);
        assertEquals(FakeOpenRouter.CHUNKED_TEXT, persistence.finishes(messageId).get(0).content());
    }

    @Test
    void keepsReasoningOutOfTheReply() {
        String messageId = Api.id("msg");
        try (SseClient stream = Api.startScenario("fake/reasoning", messageId)) {
            List<Event> events = stream.untilDone();
            assertEquals("Answer.", Replies.joined(events));
            assertEquals("complete", events.get(events.size() - 1).data().getString("status"));
        }
    }

    @Test
    void waitsThroughKeepAliveCommentsForASlowFirstToken() {
        String messageId = Api.id("msg");
        try (SseClient stream = Api.startScenario("fake/slow-first", messageId)) {
            List<Event> events = stream.untilDone();
            assertEquals("Finally", Replies.joined(events));
            JsonObject done = events.get(events.size() - 1).data();
            assertEquals("complete", done.getString("status"));
            // the fake sends only comments for its first 700 ms: they are not tokens
            assertTrue(done.getJsonObject("timing").getLong("ttftMs") >= 700, done.encode());
            assertNull(done.getJsonObject("usage"));
        }
    }
}
