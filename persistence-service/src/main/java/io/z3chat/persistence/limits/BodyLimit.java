package io.z3chat.persistence.limits;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.z3chat.persistence.transfer.ImportsConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Request body limits: {@code z3chat.http.max-json-bytes} for JSON bodies, the larger
 * {@code z3chat.imports.max-bytes} for {@code POST /imports} (Quarkus' own limit,
 * {@code quarkus.http.limits.max-body-size}, is set to the import's). A declared length over the
 * limit gets our JSON 413 before the body is read; a chunked body is cut off at its route's
 * limit by Quarkus REST, which reads the limit from the routing context that this class narrows
 * (the import's stream is counted by the import itself, {@code transfer.LimitedInputStream}).
 */
@ApplicationScoped
public class BodyLimit {

    /** The routing-context key Quarkus REST reads the body limit of a chunked request from. */
    static final String MAX_REQUEST_SIZE = "io.quarkus.max-request-size";
    static final String IMPORTS = "/imports";

    private final long jsonBytes;
    private final long importBytes;

    BodyLimit(@ConfigProperty(name = "z3chat.http.max-json-bytes") MemorySize jsonBytes, ImportsConfig imports) {
        this.jsonBytes = jsonBytes.asLongValue();
        this.importBytes = imports.maxBytes().asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::checkDeclaredLength).failureHandler(this::onFailure);
        // After Quarkus' limit handler (order -2) has put its (the import's) limit in the context.
        router.route().order(-1).handler(context -> {
            if (isImport(context)) {
                // The import counts the bytes it reads itself and answers with what it kept.
                context.remove(MAX_REQUEST_SIZE);
            } else {
                context.put(MAX_REQUEST_SIZE, jsonBytes);
            }
            context.next();
        });
    }

    private void checkDeclaredLength(RoutingContext context) {
        var declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long max = limit(context);
        if (declared != null && isOver(declared, max)) {
            respond(context, max);
        } else {
            context.next();
        }
    }

    private long limit(RoutingContext context) {
        return isImport(context) ? importBytes : jsonBytes;
    }

    private static boolean isImport(RoutingContext context) {
        return IMPORTS.equals(context.normalizedPath());
    }

    private void onFailure(RoutingContext context) {
        if (context.statusCode() == 413 && !context.response().headWritten()) {
            respond(context, limit(context));
        } else {
            context.next();
        }
    }

    private static boolean isOver(String declared, long max) {
        try {
            return Long.parseLong(declared.trim()) > max;
        } catch (NumberFormatException e) {
            return false; // Vert.x rejects a malformed length itself
        }
    }

    private static void respond(RoutingContext context, long max) {
        context.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end("{\"error\":{\"code\":\"payload_too_large\",\"message\":\"request body is larger than "
                        + max + " bytes\"}}");
    }
}
