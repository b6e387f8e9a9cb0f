package io.z3chat.gateway.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import io.z3chat.gateway.GatewayConfig;
import io.z3chat.gateway.error.ErrorResponses;
import io.z3chat.gateway.error.GatewayException;

/**
 * Refuses a declared body over the limit with a JSON 413 before anything reads it. Bodies without a length are cut by
 * Quarkus' own limit ({@code quarkus.http.limits.max-body-size}) and, for the import, by the streaming route.
 */
@ApplicationScoped
public class BodySizeFilter {

    static final int PRIORITY = 300;

    private final long jsonLimit;
    private final long importLimit;

    BodySizeFilter(GatewayConfig config) {
        this.jsonLimit = config.limits().jsonBodyBytes();
        this.importLimit = config.limits().importBodyBytes();
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext rc) {
        String length = rc.request().getHeader("Content-Length");
        if (length != null) {
            boolean isImport = GatewayPaths.isImport(rc.normalizedPath());
            long limit = isImport ? importLimit : jsonLimit;
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = Long.MAX_VALUE;
            }
            if (declared > limit) {
                rc.response().putHeader("Connection", "close");
                rc.response().endHandler(ignored -> rc.request().connection().close());
                ErrorResponses.send(rc, isImport ? GatewayException.importTooLarge(limit)
                        : GatewayException.payloadTooLarge("Request body exceeds " + limit + " bytes"));
                return;
            }
        }
        rc.next();
    }
}
