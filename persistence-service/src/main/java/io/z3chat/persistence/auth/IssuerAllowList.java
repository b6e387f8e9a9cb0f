package io.z3chat.persistence.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Map;

/**
 * Finishes the token checks smallrye-jwt cannot express: the issuer must be one of the
 * allowed callers and the token must name an acting user.
 */
@ApplicationScoped
public class IssuerAllowList implements SecurityIdentityAugmentor {

    static final String REASON = "z3chat.rejection-reason";

    private final AuthConfig config;

    IssuerAllowList(AuthConfig config) {
        this.config = config;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        if (jwt.getIssuer() == null || !config.allowedIssuers().contains(jwt.getIssuer())) {
            return Uni.createFrom().failure(rejected("issuer"));
        }
        if (jwt.getSubject() == null || jwt.getSubject().isBlank()) {
            return Uni.createFrom().failure(rejected("subject"));
        }
        return Uni.createFrom().item(identity);
    }

    /** A verified token naming a caller or user we do not accept; the reason travels to the metric. */
    static AuthenticationFailedException rejected(String reason) {
        return new AuthenticationFailedException("token rejected: " + reason, Map.of(REASON, reason));
    }
}
