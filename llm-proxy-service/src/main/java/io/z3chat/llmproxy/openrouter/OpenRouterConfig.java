package io.z3chat.llmproxy.openrouter;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How to reach OpenRouter (or any OpenAI-compatible server) and how hard to try. */
@ConfigMapping(prefix = "z3chat.openrouter")
public interface OpenRouterConfig {

    /** {@code OPENROUTER_BASE_URL}: everything before {@code /chat/completions} and {@code /models}. */
    @WithDefault("https://openrouter.ai/api/v1")
    String baseUrl();

    /** {@code OPENROUTER_API_KEY}; when absent only the offline model is offered. */
    Optional<String> apiKey();

    /** Sent as {@code HTTP-Referer} for OpenRouter's app attribution. */
    @WithDefault("http://localhost:8080")
    String appUrl();

    /** Sent as {@code X-OpenRouter-Title} for OpenRouter's app attribution. */
    @WithDefault("z3chat")
    String appTitle();

    @WithDefault("10s")
    Duration connectTimeout();

    /** The exchange fails when no byte at all (not even a keep-alive comment) arrives for this long. */
    @WithDefault("120s")
    Duration idleTimeout();

    /** Comments are not progress: an attempt that yields no token for this long fails (and may be retried). */
    @WithDefault("120s")
    Duration firstTokenTimeout();

    /** HTTP/1.1 connections to the upstream; one streaming reply holds one. */
    @WithDefault("1000")
    int maxConnections();

    /** The longest event (line plus data) accepted from the upstream stream, in characters. */
    @WithDefault("1000000")
    int maxEventChars();

    Retry retry();

    /** Retries happen only before the first token. */
    interface Retry {

        /** Attempts in all, the first one included. */
        @WithDefault("3")
        int maxAttempts();

        @WithDefault("500ms")
        Duration initialBackoff();

        @WithDefault("8s")
        Duration maxBackoff();

        /** A {@code Retry-After} longer than this is not waited for: the error goes to the caller. */
        @WithDefault("30s")
        Duration maxRetryAfter();
    }
}
