package io.z3chat.gateway.api;

/** The HTTP status of a contract error code. */
final class ErrorStatus {

    private ErrorStatus() {
    }

    static int of(String code) {
        return switch (code) {
            case "invalid_request" -> 400;
            case "unauthorized" -> 401;
            case "forbidden" -> 403;
            case "not_found" -> 404;
            case "version_conflict", "conflict" -> 409;
            case "payload_too_large" -> 413;
            case "rate_limited" -> 429;
            case "unavailable" -> 503;
            default -> 500;
        };
    }
}
