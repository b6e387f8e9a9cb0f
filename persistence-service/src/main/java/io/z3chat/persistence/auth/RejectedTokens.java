package io.z3chat.persistence.auth;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.AuthenticationFailedException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Counts every request turned away for its token, by reason, as {@code z3chat.auth.rejected}. */
@ApplicationScoped
public class RejectedTokens {

    private static final Logger LOG = Logger.getLogger(RejectedTokens.class);
    public static final String METRIC = "z3chat.auth.rejected";

    private final MeterRegistry registry;

    RejectedTokens(MeterRegistry registry) {
        this.registry = registry;
    }

    public void missing() {
        count("missing");
    }

    public void rejected(AuthenticationFailedException e) {
        // smallrye-jwt does not say which check failed; our own checks do.
        String reason = e.getAttribute(IssuerAllowList.REASON);
        count(reason == null ? "invalid" : reason);
    }

    private void count(String reason) {
        LOG.debugf("internal token rejected reason=%s", reason);
        registry.counter(METRIC, "reason", reason).increment();
    }
}
