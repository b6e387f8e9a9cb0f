package io.z3chat.gateway.error;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Writes the contract's JSON error on a raw Vert.x response (filters and streaming routes). */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    public static void send(RoutingContext rc, GatewayException e) {
        var response = rc.response();
        if (response.headWritten()) {
            // too late for a status: cut the stream so the client sees a failed download, not a truncated success
            rc.request().connection().close();
            return;
        }
        response.setStatusCode(e.status()).putHeader("Content-Type", "application/json");
        if (e.retryAfterSeconds() > 0) {
            response.putHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        response.end(body(e.code().code(), e.getMessage()));
    }

    public static String body(ErrorCode code, String message) {
        return body(code.code(), message);
    }

    /** {@code code}: as on the wire (an {@code error} frame's, which may be one of llm-proxy's). */
    public static String body(String code, String message) {
        return new JsonObject().put("error", new JsonObject().put("code", code).put("message", message)).encode();
    }
}
