package io.z3chat.llmproxy.retry;

import java.time.Duration;

/** Exponential backoff: {@code initial}, doubled per attempt, never more than {@code max}. */
public record Backoff(Duration initial, Duration max) {

    /** The wait after the given failed attempt (1 is the first). */
    public Duration delayAfter(int attempt) {
        long delay = initial.toMillis();
        for (int i = 1; i < attempt && delay < max.toMillis(); i++) {
            delay *= 2;
        }
        return Duration.ofMillis(Math.min(delay, max.toMillis()));
    }
}
