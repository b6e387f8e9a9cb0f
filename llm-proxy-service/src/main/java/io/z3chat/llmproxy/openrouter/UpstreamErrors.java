package io.z3chat.llmproxy.openrouter;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The one place that turns what the upstream says went wrong into our error codes. */
public final class UpstreamErrors {

    public static final String STREAM_INTERRUPTED = "stream_interrupted";
    public static final String UPSTREAM_TIMEOUT = "upstream_timeout";
    public static final String UPSTREAM_UNREACHABLE = "upstream_unreachable";
    public static final String BAD_RESPONSE = "upstream_bad_response";

    private static final int MAX_MESSAGE = 500;

    private UpstreamErrors() {
    }

    /** An HTTP status before the stream, or the numeric {@code error.code} of an error event inside it. */
    public static UpstreamException forStatus(int status, String upstreamMessage, Duration retryAfter) {
        String message = upstreamMessage == null || upstreamMessage.isBlank() ? "upstream answered " + status
                : truncate(upstreamMessage);
        return switch (status) {
            case 400 -> new UpstreamException("upstream_bad_request", message, false);
            case 401 -> new UpstreamException("upstream_unauthorized", message, false);
            case 402 -> new UpstreamException("insufficient_credits", message, false);
            case 403 -> new UpstreamException("moderation", message, false);
            case 404 -> new UpstreamException("model_not_found", message, false);
            case 408 -> new UpstreamException(UPSTREAM_TIMEOUT, message, true, retryAfter);
            case 413 -> new UpstreamException("context_too_long", message, false);
            case 429 -> new UpstreamException("rate_limited", message, true, retryAfter);
            case 502 -> new UpstreamException("model_unavailable", message, true, retryAfter);
            case 503 -> new UpstreamException("no_provider", message, true, retryAfter);
            default -> status >= 500
                    ? new UpstreamException("upstream_error", message, true, retryAfter)
                    : new UpstreamException("upstream_error", message, false);
        };
    }

    public static UpstreamException interrupted(String message) {
        return new UpstreamException(STREAM_INTERRUPTED, message, true);
    }

    public static UpstreamException timeout(String message) {
        return new UpstreamException(UPSTREAM_TIMEOUT, message, true);
    }

    public static UpstreamException unreachable() {
        return new UpstreamException(UPSTREAM_UNREACHABLE, "the model server could not be reached", true);
    }

    public static UpstreamException badResponse(String message) {
        return new UpstreamException(BAD_RESPONSE, message, false);
    }

    /** {@code Retry-After} is either delta-seconds or an HTTP date; anything else is ignored. */
    public static Duration parseRetryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static String truncate(String message) {
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "…";
    }
}
