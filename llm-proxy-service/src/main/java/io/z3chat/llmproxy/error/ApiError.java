package io.z3chat.llmproxy.error;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The error body every service of z3chat answers with. */
@Schema(name = "ErrorBody", description = "Every error response: {\"error\": {\"code\", \"message\"}}")
public record ApiError(@Schema(required = true) Body error) {

    @Schema(name = "ErrorDetail")
    public record Body(@Schema(required = true) String code, @Schema(required = true) String message) {
    }

    public static ApiError of(String code, String message) {
        return new ApiError(new Body(code, message));
    }
}
