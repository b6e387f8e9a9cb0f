package io.z3chat.gateway.error;

import java.util.Optional;

/**
 * The gateway's error codes (the browser's contract, SPEC section 4) and the HTTP status each one travels with. The
 * codes of the services behind it are among them; a downstream code outside this list is replaced by its status'
 * code (DownstreamErrors).
 */
public enum ErrorCode {
    INVALID_REQUEST("invalid_request", 400),
    UNAUTHORIZED("unauthorized", 401),
    FORBIDDEN("forbidden", 403),
    NOT_FOUND("not_found", 404),
    VERSION_CONFLICT("version_conflict", 409),
    CONFLICT("conflict", 409),
    PAYLOAD_TOO_LARGE("payload_too_large", 413),
    RATE_LIMITED("rate_limited", 429),
    INTERNAL("internal", 500),
    UNAVAILABLE("unavailable", 503),
    /** llm-proxy-service's: a generation did not answer in time. */
    TIMEOUT("timeout", 504),
    /** Only ever in an {@code error} frame, once the reply streams: the replica generating it is gone. */
    GENERATION_LOST("generation_lost", 500);

    private final String code;
    private final int status;

    ErrorCode(String code, int status) {
        this.code = code;
        this.status = status;
    }

    /** The code on the wire. */
    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public static Optional<ErrorCode> fromCode(String code) {
        for (ErrorCode candidate : values()) {
            if (candidate.code.equals(code)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The HTTP status of a code on the wire; 500 for a code the gateway does not know. */
    public static int statusOf(String code) {
        return fromCode(code).map(ErrorCode::status).orElse(500);
    }
}
