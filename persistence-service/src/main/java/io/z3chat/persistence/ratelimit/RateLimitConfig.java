package io.z3chat.persistence.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;

/** How many new user messages one user may store per minute, counted here for every gateway replica at once. */
@ConfigMapping(prefix = "z3chat.rate-limit")
public interface RateLimitConfig {

    /** New user messages per user per fixed minute (Z3CHAT_RATE_LIMIT_MESSAGES_PER_MINUTE). */
    @WithDefault("20")
    @Min(1)
    int messagesPerMinute();
}
