package io.z3chat.llmproxy.error;

/** A failure we answer with {@code {"error": {"code", "message"}}} and the status it carries. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static ApiException invalidRequest(String message) {
        return new ApiException(400, "invalid_request", message);
    }

    /** Also what another user's generation looks like: never reveal that it exists. */
    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, "conflict", message);
    }

    public static ApiException unavailable(String message) {
        return new ApiException(503, "unavailable", message);
    }

    public static ApiException timeout(String message) {
        return new ApiException(504, "timeout", message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
