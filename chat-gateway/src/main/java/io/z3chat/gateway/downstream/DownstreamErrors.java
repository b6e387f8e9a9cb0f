package io.z3chat.gateway.downstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.z3chat.gateway.error.ErrorCode;
import io.z3chat.gateway.error.GatewayException;

/**
 * Turns a downstream 4xx answer into the same error for the browser: its JSON error passes through, its code when the
 * gateway's {@link ErrorCode} knows it, else the code of its status.
 */
public final class DownstreamErrors {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DownstreamErrors() {
    }

    public static GatewayException toException(DownstreamResponse response) {
        int status = response.status();
        ErrorCode code = defaultCode(status);
        String message = "Request failed";
        try {
            JsonNode error = MAPPER.readTree(response.body().getBytes()).path("error");
            if (error.path("code").isTextual()) {
                code = ErrorCode.fromCode(error.path("code").asText()).orElse(code);
            }
            if (error.path("message").isTextual()) {
                message = error.path("message").asText();
            }
        } catch (Exception ignored) {
            // not JSON: keep the code derived from the status
        }
        long retryAfter = parseLong(response.headers().get("Retry-After"));
        return new GatewayException(code, status, message, status == 429 || status == 503, retryAfter);
    }

    static ErrorCode defaultCode(int status) {
        return switch (status) {
            case 400, 422 -> ErrorCode.INVALID_REQUEST;
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 409 -> ErrorCode.CONFLICT;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 429 -> ErrorCode.RATE_LIMITED;
            default -> status >= 500 ? ErrorCode.UNAVAILABLE : ErrorCode.INVALID_REQUEST;
        };
    }

    private static long parseLong(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
