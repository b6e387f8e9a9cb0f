package io.z3chat.llmproxy.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    @Test
    void backoffDoublesUpToItsCap() {
        assertEquals(Duration.ofSeconds(1), backoff.delayAfter(1));
        assertEquals(Duration.ofSeconds(2), backoff.delayAfter(2));
        assertEquals(Duration.ofSeconds(16), backoff.delayAfter(5));
        assertEquals(Duration.ofSeconds(30), backoff.delayAfter(6));
        assertEquals(Duration.ofSeconds(30), backoff.delayAfter(10_000));
    }

    @Test
    void theDefaultPolicyKeepsTryingForMoreThanTenMinutesOfSimulatedTime() {
        RetryPolicy policy = new RetryPolicy(backoff, Duration.ofHours(1));
        Duration elapsed = Duration.ZERO;
        int attempts = 1;
        Duration delay;
        while ((delay = policy.nextDelay(attempts, elapsed)) != null && elapsed.toMinutes() < 10) {
            elapsed = elapsed.plus(delay);
            attempts++;
        }
        assertTrue(elapsed.compareTo(Duration.ofMinutes(10)) >= 0, "still trying after " + elapsed);
        assertTrue(attempts < 40, "at most one try per 30 s once backed off: " + attempts);
    }

    @Test
    void givesUpOnceTheNextAttemptWouldComeTooLate() {
        RetryPolicy policy = new RetryPolicy(backoff, Duration.ofMinutes(15));
        assertEquals(Duration.ofSeconds(30), policy.nextDelay(9, Duration.ofMinutes(14)));
        assertNull(policy.nextDelay(9, Duration.ofSeconds(14 * 60 + 31)));
    }
}
