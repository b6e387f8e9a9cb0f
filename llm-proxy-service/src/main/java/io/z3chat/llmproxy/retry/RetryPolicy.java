package io.z3chat.llmproxy.retry;

import java.time.Duration;

/** Keep retrying with {@link Backoff} until {@code giveUpAfter} has passed since the first attempt. */
public record RetryPolicy(Backoff backoff, Duration giveUpAfter) {

    /** The wait before the next attempt, or null when the next attempt would come too late. */
    public Duration nextDelay(int failedAttempts, Duration elapsed) {
        Duration delay = backoff.delayAfter(failedAttempts);
        return elapsed.plus(delay).compareTo(giveUpAfter) > 0 ? null : delay;
    }
}
