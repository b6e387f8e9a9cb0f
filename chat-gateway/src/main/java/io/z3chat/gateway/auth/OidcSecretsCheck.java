package io.z3chat.gateway.auth;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Warns when the secrets that let several replicas share sign-ins are missing: without them each replica generates its
 * own, so a sign-in started on one replica cannot complete on another and sessions die with a restart.
 */
@ApplicationScoped
public class OidcSecretsCheck {

    private static final Logger LOG = Logger.getLogger(OidcSecretsCheck.class);

    @ConfigProperty(name = "quarkus.oidc.authentication.state-secret")
    Optional<String> stateSecret;

    @ConfigProperty(name = "quarkus.oidc.token-state-manager.encryption-secret")
    Optional<String> encryptionSecret;

    @ConfigProperty(name = "quarkus.oidc.credentials.secret")
    Optional<String> clientSecret;

    void check(@Observes StartupEvent event) {
        boolean strongClientSecret = clientSecret.filter(s -> s.length() >= 32).isPresent();
        if (stateSecret.isEmpty() && !strongClientSecret) {
            LOG.warn("OIDC_STATE_SECRET is not set and OIDC_CLIENT_SECRET is shorter than 32 characters: each replica "
                    + "generates its own state secret, so a sign-in must complete on the replica that started it");
        }
        if (encryptionSecret.isEmpty() && clientSecret.isEmpty()) {
            LOG.warn("SESSION_ENCRYPTION_SECRET and OIDC_CLIENT_SECRET are not set: each replica generates its own "
                    + "session key, so sessions are bound to one replica and lost on restart");
        } else if (encryptionSecret.isEmpty() && !strongClientSecret) {
            LOG.warn("SESSION_ENCRYPTION_SECRET is not set: session cookies are encrypted with a key derived from a "
                    + "client secret shorter than 32 characters");
        }
    }
}
