package io.z3chat.persistence.error;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The one error shape every response uses: {@code {"error": {"code", "message"}}}. */
@Schema(name = "ErrorBody", description = "Every error response: {\"error\": {\"code\", \"message\"}}")
public record ErrorBody(@Schema(required = true) Detail error) {

    @Schema(name = "ErrorDetail")
    public record Detail(@Schema(required = true) String code, @Schema(required = true) String message) {
    }

    public static ErrorBody of(ErrorCode code, String message) {
        return new ErrorBody(new Detail(code.code(), message));
    }
}
