package io.z3chat.persistence.error;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a body over {@code quarkus.http.limits.max-body-size} with our JSON 413. Quarkus
 * enforces the limit itself, but with an empty 413 before any of our mappers can run; this route
 * goes first and catches the declared length, and a failure handler catches streamed bodies.
 */
@ApplicationScoped
public class BodyLimit {

    private final long maxBytes;

    BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBytes = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::checkDeclaredLength).failureHandler(this::onFailure);
    }

    private void checkDeclaredLength(RoutingContext context) {
        var declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && isOver(declared)) {
            respond(context);
        } else {
            context.next();
        }
    }

    private void onFailure(RoutingContext context) {
        if (context.statusCode() == 413 && !context.response().headWritten()) {
            respond(context);
        } else {
            context.next();
        }
    }

    private boolean isOver(String declared) {
        try {
            return Long.parseLong(declared.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return false; // Vert.x rejects a malformed length itself
        }
    }

    private void respond(RoutingContext context) {
        context.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end("{\"error\":{\"code\":\"payload_too_large\",\"message\":\"request body is larger than "
                        + maxBytes + " bytes\"}}");
    }
}
