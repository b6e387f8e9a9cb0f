package io.z3chat.persistence.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.z3chat.persistence.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Per-user message limit across every gateway replica: each new user message counts once in its user's fixed
 * one-minute window in the store, the same store round trip that saves it. A message beyond the limit is refused
 * (429 with the seconds until the window closes) and not stored. The store decides in one atomic write whether the
 * window has room, so concurrent sends of one user on any number of replicas store exactly the limit; a refused
 * attempt changes nothing.
 */
@ApplicationScoped
public class MessageRateLimit {

    static final Duration WINDOW = Duration.ofMinutes(1);
    /** How long a closed window stays before the TTL index removes it (MongoDB's TTL monitor runs every minute). */
    static final Duration KEEP_CLOSED = Duration.ofMinutes(1);
    private static final Logger LOG = Logger.getLogger(MessageRateLimit.class);

    private final RateWindowRepository windows;
    private final RateLimitConfig config;
    private final Counter refused;
    private final Clock clock;

    MessageRateLimit(RateWindowRepository windows, RateLimitConfig config, MeterRegistry registry, Clock clock) {
        this.windows = windows;
        this.config = config;
        this.refused = registry.counter("z3chat.messages.rate.limited");
        this.clock = clock;
    }

    /** A counted message: where it was counted, so a message that was not stored after all can be given back. */
    public record Admission(String user, Instant windowStart) {
    }

    /**
     * Counts one new user message of {@code user}.
     *
     * @throws ApiException 429 {@code rate_limited} with a retry-after, when the user's window is full
     */
    public Admission admit(String user) {
        Instant now = clock.instant();
        long windowMillis = WINDOW.toMillis();
        Instant windowStart = Instant.ofEpochMilli(now.toEpochMilli() / windowMillis * windowMillis);
        Instant windowEnd = windowStart.plus(WINDOW);
        if (!windows.tryAdd(user, windowStart, windowEnd.plus(KEEP_CLOSED), config.messagesPerMinute())) {
            refused.increment();
            long retryAfter = Math.max(1, (Duration.between(now, windowEnd).toMillis() + 999) / 1000);
            LOG.infof("message refused, rate limit reached limit=%d retryAfterSeconds=%d", config.messagesPerMinute(),
                    retryAfter);
            throw ApiException.rateLimited("more than " + config.messagesPerMinute()
                    + " messages a minute; try again in " + retryAfter + " s", retryAfter);
        }
        return new Admission(user, windowStart);
    }

    /** Gives back the count of a message that was not stored (its id was taken meanwhile by the same send). */
    public void giveBack(Admission admission) {
        windows.takeBack(admission.user(), admission.windowStart());
    }
}
