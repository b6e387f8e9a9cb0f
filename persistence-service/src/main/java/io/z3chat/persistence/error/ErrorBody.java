package io.z3chat.persistence.error;

/** The one error shape every response uses: {@code {"error": {"code", "message"}}}. */
public record ErrorBody(Detail error) {

    public record Detail(String code, String message) {
    }

    public static ErrorBody of(ErrorCode code, String message) {
        return new ErrorBody(new Detail(code.code(), message));
    }
}
