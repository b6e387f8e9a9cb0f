package io.z3chat.gateway.error;

/** A failure with its HTTP status and contract error code; mapped once by {@link ErrorMappers}. */
public class GatewayException extends RuntimeException {

    private final ErrorCode code;
    private final int status;
    private final boolean retryable;
    private final long retryAfterSeconds;

    /** {@code status}: the code's own, or the one a downstream service answered with (a 422 {@code invalid_request}). */
    public GatewayException(ErrorCode code, int status, String message, boolean retryable, long retryAfterSeconds) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
        this.retryable = retryable;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    private GatewayException(ErrorCode code, String message, boolean retryable) {
        this(code, code.status(), message, retryable, 0);
    }

    public static GatewayException invalidRequest(String message) {
        return new GatewayException(ErrorCode.INVALID_REQUEST, message, false);
    }

    public static GatewayException unauthorized(String message) {
        return new GatewayException(ErrorCode.UNAUTHORIZED, message, false);
    }

    public static GatewayException forbidden(String message) {
        return new GatewayException(ErrorCode.FORBIDDEN, message, false);
    }

    public static GatewayException notFound(String message) {
        return new GatewayException(ErrorCode.NOT_FOUND, message, false);
    }

    /** The request does not fit what is stored now (a message moved off the selected path meanwhile). */
    public static GatewayException conflict(String message) {
        return new GatewayException(ErrorCode.CONFLICT, message, false);
    }

    public static GatewayException payloadTooLarge(String message) {
        return new GatewayException(ErrorCode.PAYLOAD_TOO_LARGE, message, false);
    }

    /** An upload over the import limit, said in the words a person reads in the import dialog. */
    public static GatewayException importTooLarge(long limitBytes) {
        String limit = limitBytes % (1024 * 1024) == 0 ? limitBytes / (1024 * 1024) + " MiB" : limitBytes + " bytes";
        return payloadTooLarge("The file is larger than the import limit of " + limit);
    }

    public static GatewayException rateLimited(long retryAfterSeconds) {
        return new GatewayException(ErrorCode.RATE_LIMITED, ErrorCode.RATE_LIMITED.status(),
                "Too many requests, retry later", true, retryAfterSeconds);
    }

    public static GatewayException unavailable(String message) {
        return new GatewayException(ErrorCode.UNAVAILABLE, message, true);
    }

    /**
     * Something the gateway did not expect (a bug, not the client's doing). The one way to build {@code internal}:
     * retryable, since a failure nobody foresaw may well not happen again; no detail reaches the client.
     */
    public static GatewayException internal() {
        return new GatewayException(ErrorCode.INTERNAL, "Internal error", true);
    }

    public ErrorCode code() {
        return code;
    }

    public int status() {
        return status;
    }

    public boolean retryable() {
        return retryable;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public ApiError toApiError() {
        return ApiError.of(code, getMessage());
    }
}
