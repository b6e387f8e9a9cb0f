package io.z3chat.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.z3chat.gateway.GatewayConfig;
import io.z3chat.gateway.GatewayMetrics;

/**
 * Per-user token buckets (Bucket4j) of requests per second (with a burst): a flood guard for this replica, in its
 * memory, so with N replicas a user may send up to N times the rate; idle buckets are evicted. The limit that must
 * hold across replicas, messages per minute, is persistence-service's (it counts them in the store as it saves them).
 */
@ApplicationScoped
public class RateLimiter {

    /** The outcome of one attempt; {@code retryAfterSeconds} is meaningful when refused. */
    public record Decision(boolean allowed, long retryAfterSeconds) {
    }

    private final Cache<String, Bucket> requests;
    private final GatewayConfig.RateLimit config;
    private final GatewayMetrics metrics;

    RateLimiter(GatewayConfig config, GatewayMetrics metrics) {
        this.config = config.rateLimit();
        this.metrics = metrics;
        this.requests = Caffeine.newBuilder().maximumSize(200_000).expireAfterAccess(Duration.ofMinutes(5)).build();
    }

    public Decision tryRequest(String key) {
        Bucket bucket = requests.get(key, k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(Math.max(config.requestsBurst(), config.requestsPerSecond()))
                        .refillGreedy(config.requestsPerSecond(), Duration.ofSeconds(1)))
                .build());
        return consume(bucket, "requests");
    }

    private Decision consume(Bucket bucket, String limit) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return new Decision(true, 0);
        }
        metrics.rateLimited(limit);
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
        return new Decision(false, seconds);
    }
}
