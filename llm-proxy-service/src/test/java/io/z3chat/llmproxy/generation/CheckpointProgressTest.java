package io.z3chat.llmproxy.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.z3chat.llmproxy.generation.CheckpointProgress.Turn;
import io.z3chat.llmproxy.openrouter.ChatMessage;
import io.z3chat.llmproxy.retry.Backoff;

/** The checkpoint rules of one generation, on a clock the test moves: ticks, not tokens, make writes. */
class CheckpointProgressTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();
    private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(30));

    private static Generation generation() {
        return new Generation("gen_test", "u@example.com", new GenerationRequest("chat_1234", "msg_12345678", "m",
                List.of(new ChatMessage("user", "hi")), null, null, null, null), "http://owner", 1_000_000, 2,
                ignored -> {
                });
    }

    /** Runs {@code seconds} one-second ticks, appending {@code tokensPerSecond} tokens before each; counts writes. */
    private static int writesOver(int seconds, int tokensPerSecond) {
        Generation generation = generation();
        CheckpointProgress progress = generation.checkpoint;
        int writes = 0;
        for (int tick = 1; tick <= seconds; tick++) {
            for (int t = 0; t < tokensPerSecond; t++) {
                generation.append("tok ");
            }
            long now = tick * SECOND;
            if (progress.turn(generation, now) == Turn.WRITE) {
                progress.claim(generation, now, false);
                progress.settled(true, now, BACKOFF);
                writes++;
            }
        }
        return writes;
    }

    @Test
    void writesPerReplyGrowWithTheSecondsStreamedNeverWithTheTokens() {
        assertEquals(10, writesOver(10, 1));
        assertEquals(10, writesOver(10, 500), "500 times the tokens, the same writes");
        assertEquals(60, writesOver(60, 50), "six times the seconds, six times the writes");
    }

    @Test
    void aTickWithoutNewTextWritesNothing() {
        Generation generation = generation();
        generation.append("Hello");
        CheckpointProgress progress = generation.checkpoint;
        progress.claim(generation, SECOND, false);
        progress.settled(true, SECOND, BACKOFF);
        assertEquals(Turn.NOTHING_NEW, progress.turn(generation, 2 * SECOND));
        assertNull(progress.claim(generation, 2 * SECOND, false));
    }

    @Test
    void oneWriteInFlightAndTheNextCarriesAllTheTextSinceIncludingTheInitialOne() {
        Generation generation = generation();
        CheckpointProgress progress = generation.checkpoint;
        assertEquals("", progress.claim(generation, 0, true), "the initial checkpoint goes even with no text");
        generation.append("Once upon");
        assertEquals(Turn.SUPERSEDED, progress.turn(generation, SECOND));
        assertNull(progress.claim(generation, SECOND, false), "never two at once");
        generation.append(" a time");
        progress.settled(true, SECOND, BACKOFF);
        assertEquals(Turn.WRITE, progress.turn(generation, 2 * SECOND));
        assertEquals("Once upon a time", progress.claim(generation, 2 * SECOND, false));
    }

    @Test
    void aFailedWriteHoldsTheNextBackDoublingPerFailure() {
        Generation generation = generation();
        CheckpointProgress progress = generation.checkpoint;
        generation.append("text");
        progress.claim(generation, 0, false);
        progress.settled(false, 0, BACKOFF);
        assertEquals(Turn.BACKOFF, progress.turn(generation, SECOND));
        assertEquals(Turn.WRITE, progress.turn(generation, 2 * SECOND));
        progress.claim(generation, 2 * SECOND, false);
        progress.settled(false, 2 * SECOND, BACKOFF);
        assertEquals(Turn.BACKOFF, progress.turn(generation, 5 * SECOND), "4 s after the second failure");
        assertEquals(Turn.WRITE, progress.turn(generation, 6 * SECOND));
        progress.claim(generation, 6 * SECOND, false);
        progress.settled(true, 6 * SECOND, BACKOFF);
        generation.append(" more");
        assertEquals(Turn.WRITE, progress.turn(generation, 7 * SECOND), "a write that lands ends the backoff");
    }
}
