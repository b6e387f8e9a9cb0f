package io.z3chat.gateway.error;

/** A failure with its HTTP status and contract error code; mapped once by {@link ErrorMappers}. */
public class GatewayException extends RuntimeException {

    private final int status;
    private final String code;
    private final boolean retryable;
    private final long retryAfterSeconds;

    public GatewayException(int status, String code, String message, boolean retryable, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryable = retryable;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static GatewayException invalidRequest(String message) {
        return new GatewayException(400, "invalid_request", message, false, 0);
    }

    public static GatewayException unauthorized(String message) {
        return new GatewayException(401, "unauthorized", message, false, 0);
    }

    public static GatewayException forbidden(String message) {
        return new GatewayException(403, "forbidden", message, false, 0);
    }

    public static GatewayException notFound(String message) {
        return new GatewayException(404, "not_found", message, false, 0);
    }

    public static GatewayException payloadTooLarge(String message) {
        return new GatewayException(413, "payload_too_large", message, false, 0);
    }

    /** An upload over the import limit, said in the words a person reads in the import dialog. */
    public static GatewayException importTooLarge(long limitBytes) {
        String limit = limitBytes % (1024 * 1024) == 0 ? limitBytes / (1024 * 1024) + " MiB" : limitBytes + " bytes";
        return payloadTooLarge("The file is larger than the import limit of " + limit);
    }

    public static GatewayException rateLimited(long retryAfterSeconds) {
        return new GatewayException(429, "rate_limited", "Too many requests, retry later", true, retryAfterSeconds);
    }

    public static GatewayException unavailable(String message) {
        return new GatewayException(503, "unavailable", message, true, 0);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
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
