package io.z3chat.gateway.security;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/** Security headers on every response: a CSP without inline scripts or framing, nosniff, referrer policy, HSTS. */
@ApplicationScoped
public class SecurityHeadersFilter {

    static final int PRIORITY = 400;

    private final String contentSecurityPolicy;
    private final boolean https;

    SecurityHeadersFilter(PublicOrigin publicOrigin,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> identityProvider) {
        String idpOrigin = identityProvider.map(PublicOrigin::originOf).map(o -> " " + o).orElse("");
        // form-action covers the redirect to the identity provider's end-session page after "sign out"
        this.contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self' " + publicOrigin.socketOrigin() + "; object-src 'none'; base-uri 'none'; "
                + "frame-ancestors 'none'; form-action 'self'" + idpOrigin;
        this.https = publicOrigin.https();
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, PRIORITY);
    }

    void handle(RoutingContext rc) {
        MultiMap headers = rc.response().headers();
        headers.set("Content-Security-Policy", contentSecurityPolicy);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "same-origin");
        headers.set("Cross-Origin-Opener-Policy", "same-origin");
        if (https) {
            headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        if (GatewayPaths.isApi(rc.normalizedPath())) {
            headers.set("Cache-Control", "no-store");
        }
        rc.next();
    }
}
