package io.z3chat.llmproxy.error;

/** The error body every service of z3chat answers with. */
public record ApiError(Body error) {

    public record Body(String code, String message) {
    }

    public static ApiError of(String code, String message) {
        return new ApiError(new Body(code, message));
    }
}
