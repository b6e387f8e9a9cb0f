package io.z3chat.gateway.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.z3chat.gateway.error.ErrorCode;
import io.z3chat.gateway.error.ErrorResponses;
import io.z3chat.gateway.error.GatewayException;

/**
 * CSRF protection for cookie-authenticated changes: an unsafe request must come from PUBLIC_URL's origin (Origin, or
 * Referer when a browser sends no Origin) and, on /api, carry an {@code X-Requested-With} header, which a cross-site
 * form cannot send and a cross-site script cannot send without a CORS preflight that the gateway never grants.
 * Requests with an Authorization header carry no ambient credential and are exempt. Runs before authentication, so a
 * forged {@code POST /logout} never reaches the OIDC layer.
 */
@ApplicationScoped
public class CsrfFilter {

    /** Above Quarkus' authentication handler (200). */
    static final int PRIORITY = 250;
    public static final String HEADER = "X-Requested-With";

    private final PublicOrigin publicOrigin;

    CsrfFilter(PublicOrigin publicOrigin) {
        this.publicOrigin = publicOrigin;
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext rc) {
        String path = rc.normalizedPath();
        HttpMethod method = rc.request().method();
        boolean logout = "/logout".equals(path);
        if (logout && method != HttpMethod.POST) {
            ErrorResponses.send(rc, new GatewayException(ErrorCode.INVALID_REQUEST, 405, "Sign out with POST", false, 0));
            return;
        }
        if (!isUnsafe(method) || !(logout || GatewayPaths.isApi(path))) {
            rc.next();
            return;
        }
        if (rc.request().getHeader("Authorization") != null) {
            rc.next();
            return;
        }
        String origin = rc.request().getHeader("Origin");
        if (origin == null) {
            origin = rc.request().getHeader("Referer");
        }
        if (!publicOrigin.matches(origin)) {
            ErrorResponses.send(rc, GatewayException.forbidden("Cross-site request refused"));
            return;
        }
        if (!logout) {
            String marker = rc.request().getHeader(HEADER);
            if (marker == null || marker.isBlank()) {
                ErrorResponses.send(rc, GatewayException.forbidden("Missing " + HEADER + " header"));
                return;
            }
        }
        rc.next();
    }

    private static boolean isUnsafe(HttpMethod method) {
        return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH
                || method == HttpMethod.DELETE;
    }
}
