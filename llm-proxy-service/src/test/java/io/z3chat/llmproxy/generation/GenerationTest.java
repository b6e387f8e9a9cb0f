package io.z3chat.llmproxy.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;

import org.junit.jupiter.api.Test;

import io.z3chat.llmproxy.error.ApiException;
import io.z3chat.llmproxy.generation.GenerationEvent.DeltaEvent;
import io.z3chat.llmproxy.generation.GenerationEvent.DoneEvent;
import io.z3chat.llmproxy.generation.GenerationEvent.ErrorEvent;
import io.z3chat.llmproxy.generation.GenerationEvent.StartEvent;
import io.z3chat.llmproxy.openrouter.ChatMessage;
import io.z3chat.llmproxy.openrouter.Usage;
import io.z3chat.llmproxy.reply.ErrorInfo;
import io.z3chat.llmproxy.reply.Timing;

/** The generation's state and its followers, without Quarkus. */
class GenerationTest {

    private final List<Generation> finished = new ArrayList<>();

    private Generation generation(int maxChars) {
        return new Generation("gen_test", "u@example.com", new GenerationRequest("chat_1234", "msg_12345678", "m",
                List.of(new ChatMessage("user", "hi")), null, null, null, null), "http://owner", maxChars, 2,
                finished::add);
    }

    /** A subscriber that asks for one event at a time, when the test says. */
    private static final class SlowClient implements Flow.Subscriber<GenerationEvent> {
        final List<GenerationEvent> events = new ArrayList<>();
        Flow.Subscription subscription;
        boolean completed;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
        }

        @Override
        public void onNext(GenerationEvent item) {
            events.add(item);
        }

        @Override
        public void onError(Throwable throwable) {
            throw new AssertionError(throwable);
        }

        @Override
        public void onComplete() {
            completed = true;
        }

        GenerationEvent ask() {
            int before = events.size();
            subscription.request(1);
            return events.size() > before ? events.get(events.size() - 1) : null;
        }
    }

    @Test
    void aSlowFollowerGetsWhatItMissedAsOneDeltaNotAQueue() {
        Generation generation = generation(1000);
        SlowClient client = new SlowClient();
        generation.follow(0).subscribe(client);
        assertInstanceOf(StartEvent.class, client.ask());
        generation.append("a");
        generation.append("b");
        generation.append("🎉");
        assertEquals(new DeltaEvent("gen_test", 0, "ab🎉"), client.ask());
        assertNull(client.ask(), "nothing new: the request waits");
        generation.append("c");
        assertEquals(new DeltaEvent("gen_test", 4, "c"), client.events.get(client.events.size() - 1),
                "an outstanding request is served as soon as there is text");
        generation.complete();
        DoneEvent done = (DoneEvent) client.ask();
        assertEquals(GenerationStatus.COMPLETE, done.status());
        assertTrue(client.completed);
        assertEquals(List.of(generation), finished);
    }

    @Test
    void aFollowerFromAnOffsetStartsThereAndAnErrorComesBeforeDone() {
        Generation generation = generation(1000);
        generation.append("Hello world");
        generation.fail("model_unavailable", "down", true);
        SlowClient client = new SlowClient();
        generation.follow(6).subscribe(client);
        client.subscription.request(10);
        assertEquals(4, client.events.size());
        assertEquals(new DeltaEvent("gen_test", 6, "world"), client.events.get(1));
        assertEquals(new ErrorEvent("gen_test", "model_unavailable", "down", true), client.events.get(2));
        DoneEvent done = (DoneEvent) client.events.get(3);
        assertEquals(new ErrorInfo("model_unavailable", "down"), done.error());
        assertTrue(client.completed);
    }

    @Test
    void theFirstEndWinsAndLaterTextIsRefused() {
        Generation generation = generation(1000);
        generation.append("kept");
        generation.cancel();
        generation.complete();
        generation.fail("x", "y", false);
        assertFalse(generation.append(" lost"));
        assertEquals(GenerationStatus.CANCELLED, generation.status());
        assertEquals("kept", generation.text());
        assertEquals(1, finished.size());
    }

    @Test
    void aReplyLongerThanTheCapEndsAsAnErrorWithoutSplittingASurrogatePair() {
        Generation generation = generation(5);
        assertTrue(generation.append("abcd"));
        assertFalse(generation.append("🎉🎉"));
        assertEquals("abcd", generation.text(), "the pair that would not fit whole is left out");
        assertEquals(GenerationStatus.ERROR, generation.status());
        assertEquals("reply_too_long", generation.errorInfo().code());
    }

    @Test
    void refusesFollowingFromBeyondTheTextOrByTooManyClients() {
        Generation generation = generation(100);
        generation.append("abc");
        assertEquals(400, assertThrows(ApiException.class, () -> generation.checkFollow(4)).status());
        generation.checkFollow(3);
        generation.follow(0).subscribe(new SlowClient());
        generation.follow(0).subscribe(new SlowClient());
        assertEquals(409, assertThrows(ApiException.class, () -> generation.checkFollow(0)).status());
    }

    @Test
    void timingCountsTokensPerSecondFromTheFirstToken() {
        Generation generation = generation(100);
        assertNull(generation.timing().ttftMs());
        assertNull(generation.timing().tokensPerSecond(), "no token, no speed");
        generation.append("x");
        generation.usage(new Usage(3, 50, 53, null));
        long firstToken = System.nanoTime();
        while (System.nanoTime() - firstToken < 2_000_000) {
            Thread.onSpinWait(); // at least 2 ms between the first token and the end
        }
        generation.complete();
        Timing timing = generation.timing();
        assertTrue(timing.ttftMs() >= 0);
        assertTrue(timing.durationMs() >= 2 && timing.durationMs() >= timing.ttftMs(), timing.toString());
        // the upstream's 50 completion tokens count, not the one chunk: they took at least 2 ms and less than
        // durationMs + 1 ms, the rate is rounded to a tenth
        double speed = timing.tokensPerSecond();
        assertTrue(speed <= 50 / 0.002 + 0.05, timing.toString());
        assertTrue(speed >= 50 / ((timing.durationMs() + 1) / 1000.0) - 0.05, timing.toString());
    }
}
