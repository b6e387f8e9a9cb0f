package io.z3chat.gateway.auth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import io.quarkus.oidc.runtime.OidcAuthenticationMechanism;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.AuthenticationRedirectException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import io.z3chat.gateway.error.ErrorCode;
import io.z3chat.gateway.error.ErrorResponses;
import io.z3chat.gateway.security.GatewayPaths;

/**
 * The gateway's only HTTP authentication mechanism: quarkus-oidc (hybrid: session cookie or bearer token) with three
 * gateway rules on top.
 * <ul>
 * <li>{@code /internal/**} is never given to OIDC: those callers send internal JWTs, verified by the resource itself.</li>
 * <li>On {@code /api/**} and {@code /ws/**} a missing or expired session is a 401 JSON, not a redirect to the
 * identity provider (a script cannot follow it).</li>
 * <li>On a page of the web UI an expired session signs in again and comes back to the page.</li>
 * <li>Everywhere else (the login page, {@code /}) OIDC's redirects apply.</li>
 * </ul>
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class GatewayAuthMechanism implements HttpAuthenticationMechanism {

    private final OidcAuthenticationMechanism oidc;

    GatewayAuthMechanism(OidcAuthenticationMechanism oidc) {
        this.oidc = oidc;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String path = context.normalizedPath();
        if (GatewayPaths.isInternal(path)) {
            return Uni.createFrom().nullItem();
        }
        Uni<SecurityIdentity> identity = oidc.authenticate(context, identityProviderManager);
        if (GatewayPaths.isAppPage(path)) {
            // OIDC sends an expired session to /?session=expired; on a page of the app, sign in and come back instead
            return identity.onFailure(AuthenticationRedirectException.class).transform(e -> backAfterSignIn(context,
                    (AuthenticationRedirectException) e));
        }
        if (!GatewayPaths.isApi(path)) {
            return identity;
        }
        return identity
                .onFailure(AuthenticationRedirectException.class)
                .transform(e -> new AuthenticationFailedException("Session expired"))
                // OIDC registers itself as the mechanism to challenge with; the JSON challenge below must win
                .onTermination().invoke(() -> context.put(HttpAuthenticationMechanism.class.getName(), this));
    }

    private static Throwable backAfterSignIn(RoutingContext context, AuthenticationRedirectException redirect) {
        if (redirect.getRedirectUri() == null || !redirect.getRedirectUri().contains("session=expired")) {
            return redirect;
        }
        String query = context.request().query();
        String next = context.normalizedPath() + (query == null || query.isEmpty() ? "" : "?" + query);
        return new AuthenticationRedirectException(302,
                "/login?next=" + URLEncoder.encode(NextPath.sanitize(next), StandardCharsets.UTF_8));
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        if (GatewayPaths.isApi(context.normalizedPath())) {
            context.response().setStatusCode(401).putHeader("Content-Type", "application/json")
                    .end(ErrorResponses.body(ErrorCode.UNAUTHORIZED, "Sign in first"));
            return Uni.createFrom().item(true);
        }
        return oidc.sendChallenge(context);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        if (GatewayPaths.isApi(context.normalizedPath())) {
            return Uni.createFrom().item(new ChallengeData(401, null, null));
        }
        return oidc.getChallenge(context);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return oidc.getCredentialTypes();
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return oidc.getCredentialTransport(context);
    }

    @Override
    public int getPriority() {
        return oidc.getPriority();
    }
}
