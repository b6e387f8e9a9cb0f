package io.z3chat.persistence.error;

/** A failure the caller caused or must hear about; mapped once, in {@link ErrorMappers}. */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    /** Seconds the caller should wait before trying again (a {@code Retry-After}); 0 when it says nothing. */
    private final long retryAfterSeconds;

    public ApiException(ErrorCode code, String message) {
        this(code, message, 0);
    }

    private ApiException(ErrorCode code, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public ErrorCode code() {
        return code;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static ApiException invalid(String message) {
        return new ApiException(ErrorCode.INVALID_REQUEST, message);
    }

    public static ApiException notFound(String what) {
        return new ApiException(ErrorCode.NOT_FOUND, what + " not found");
    }

    public static ApiException conflict(String message) {
        return new ApiException(ErrorCode.CONFLICT, message);
    }

    public static ApiException versionConflict(long current) {
        return new ApiException(ErrorCode.VERSION_CONFLICT,
                "the chat was changed meanwhile (current version " + current + ")");
    }

    /** Worth another try (503): a race that a retry settles. */
    public static ApiException unavailable(String message) {
        return new ApiException(ErrorCode.UNAVAILABLE, message);
    }

    /** 429 with a {@code Retry-After} of {@code retryAfterSeconds}. */
    public static ApiException rateLimited(String message, long retryAfterSeconds) {
        return new ApiException(ErrorCode.RATE_LIMITED, message, retryAfterSeconds);
    }

    public static ApiException tooLarge(String message) {
        return new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, message);
    }
}
