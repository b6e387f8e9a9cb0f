package io.z3chat.gateway.downstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.z3chat.gateway.error.GatewayException;

/** Turns a downstream 4xx answer into the same error for the browser (its JSON error passes through). */
public final class DownstreamErrors {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DownstreamErrors() {
    }

    public static GatewayException toException(DownstreamResponse response) {
        int status = response.status();
        String code = defaultCode(status);
        String message = "Request failed";
        try {
            JsonNode error = MAPPER.readTree(response.body().getBytes()).path("error");
            if (error.path("code").isTextual()) {
                code = error.path("code").asText();
            }
            if (error.path("message").isTextual()) {
                message = error.path("message").asText();
            }
        } catch (Exception ignored) {
            // not JSON: keep the code derived from the status
        }
        long retryAfter = parseLong(response.headers().get("Retry-After"));
        return new GatewayException(status, code, message, status == 429 || status == 503, retryAfter);
    }

    static String defaultCode(int status) {
        return switch (status) {
            case 400, 422 -> "invalid_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 429 -> "rate_limited";
            default -> status >= 500 ? "unavailable" : "invalid_request";
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
