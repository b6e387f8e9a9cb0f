package io.z3chat.llmproxy.openrouter;

import java.time.Duration;
import java.util.Optional;

/** The upstream failed: {@code code} is ours (see {@link UpstreamErrors}), {@code retryable} says whether to try again. */
public class UpstreamException extends RuntimeException {

    private final String code;
    private final boolean retryable;
    private final Duration retryAfter;

    public UpstreamException(String code, String message, boolean retryable, Duration retryAfter) {
        super(message, null, false, false);
        this.code = code;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public UpstreamException(String code, String message, boolean retryable) {
        this(code, message, retryable, null);
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }

    /** How long the upstream asked us to wait ({@code Retry-After}), when it did. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
