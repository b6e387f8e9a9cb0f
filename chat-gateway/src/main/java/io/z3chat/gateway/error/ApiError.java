package io.z3chat.gateway.error;

/** The wire shape of every error: {@code {"error": {"code": "...", "message": "..."}}}. */
public record ApiError(Body error) {

    public record Body(String code, String message) {
    }

    public static ApiError of(ErrorCode code, String message) {
        return new ApiError(new Body(code.code(), message));
    }
}
