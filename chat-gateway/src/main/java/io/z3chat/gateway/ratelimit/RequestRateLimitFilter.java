package io.z3chat.gateway.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;
import io.z3chat.gateway.auth.UserEmail;
import io.z3chat.gateway.error.ErrorResponses;
import io.z3chat.gateway.error.GatewayException;
import io.z3chat.gateway.security.GatewayPaths;

/**
 * Requests per second on /api and socket upgrades, keyed by the signed-in user (the public share read, which needs no
 * sign-in, by client address). Runs after authentication (priority 200) and before authorization (100).
 */
@ApplicationScoped
public class RequestRateLimitFilter {

    static final int PRIORITY = 150;

    private final RateLimiter limiter;

    RequestRateLimitFilter(RateLimiter limiter) {
        this.limiter = limiter;
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext rc) {
        if (!GatewayPaths.isApi(rc.normalizedPath())) {
            rc.next();
            return;
        }
        String key = null;
        if (rc.user() instanceof QuarkusHttpUser user) {
            key = UserEmail.of(user.getSecurityIdentity()).orElse(null);
        }
        if (key == null) {
            key = "address:" + rc.request().remoteAddress().hostAddress();
        }
        RateLimiter.Decision decision = limiter.tryRequest(key);
        if (!decision.allowed()) {
            ErrorResponses.send(rc, GatewayException.rateLimited(decision.retryAfterSeconds()));
            return;
        }
        rc.next();
    }
}
