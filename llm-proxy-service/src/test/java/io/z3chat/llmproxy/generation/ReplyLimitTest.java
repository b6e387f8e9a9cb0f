package io.z3chat.llmproxy.generation;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.z3chat.llmproxy.fake.Api;
import io.z3chat.llmproxy.fake.FakePersistence;
import io.z3chat.llmproxy.fake.FakeServices;
import io.z3chat.llmproxy.fake.InjectFake;
import io.z3chat.llmproxy.testing.Metrics;
import io.z3chat.llmproxy.fake.SseClient;
import io.z3chat.llmproxy.fake.SseClient.Event;

/**
 * The longest reply is the longest message persistence-service stores (100,000 UTF-16 units, its 413 above that):
 * a reply that reaches it stops there, ends {@code reply_too_long}, and its cut text is saved, never refused.
 */
@QuarkusTest
@WithTestResource(FakeServices.class)
class ReplyLimitTest {

    private static final Duration DEADLINE = Duration.ofSeconds(15);

    @InjectFake
    FakePersistence persistence;

    @Test
    void aReplyOfExactlyTheMaximumCompletesAndIsSavedWhole() {
        String messageId = Api.id("msg");
        List<Event> events = stream(messageId, FakePersistence.MAX_CONTENT);
        assertEquals(FakePersistence.MAX_CONTENT, Replies.joined(events).length());
        assertEquals("complete", events.get(events.size() - 1).data().getString("status"));
        FakePersistence.Patch saved = savedFinal(messageId);
        assertEquals("complete", saved.status());
        assertEquals(Replies.joined(events), saved.content());
    }

    @Test
    void aLongerReplyStopsAtTheMaximumEndsReplyTooLongAndItsCutTextIsSaved() {
        String messageId = Api.id("msg");
        double dropped = Metrics.value("z3chat_replies_dropped_total");
        List<Event> events = stream(messageId, FakePersistence.MAX_CONTENT + 1);
        String text = Replies.joined(events);
        // the last two units are one emoji: it would not fit whole, so the cut leaves it out rather than split it
        assertEquals("x".repeat(FakePersistence.MAX_CONTENT - 1), text);
        Event error = events.get(events.size() - 2);
        assertEquals("error", error.type());
        assertEquals("reply_too_long", error.data().getString("code"));
        assertEquals(false, error.data().getBoolean("retryable"));
        JsonObject done = events.get(events.size() - 1).data();
        assertEquals("error", done.getString("status"));
        assertEquals("reply_too_long", done.getJsonObject("error").getString("code"));
        FakePersistence.Patch saved = savedFinal(messageId);
        assertEquals("error", saved.status());
        assertEquals(text, saved.content());
        assertEquals("reply_too_long", saved.body().getJsonObject("error").getString("code"));
        assertEquals(dropped, Metrics.value("z3chat_replies_dropped_total"));
    }

    private static List<Event> stream(String messageId, int length) {
        JsonObject body = Api.generation(Api.id("chat"), messageId, "fake/sized#" + messageId, String.valueOf(length));
        try (SseClient stream = Api.start(Api.user(), body)) {
            return stream.untilDone();
        }
    }

    private FakePersistence.Patch savedFinal(String messageId) {
        await().atMost(DEADLINE).until(() -> persistence.finishes(messageId).size() == 1);
        FakePersistence.Patch saved = persistence.finishes(messageId).get(0);
        assertTrue(saved.applied());
        return saved;
    }
}
