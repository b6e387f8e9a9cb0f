package io.z3chat.gateway.downstream;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.z3chat.gateway.GatewayConfig;

/**
 * Mints the short-lived RS256 tokens that carry the acting user to persistence-service and llm-proxy-service:
 * {@code iss} chat-gateway, {@code aud} the service, {@code sub} the user, {@code iat}, {@code exp} (after
 * {@code z3chat.internal-jwt.lifetime}, 120 s, at most 300 s) and a {@code jti}, as llm-proxy's {@code InternalTokens}
 * mints them. A token is reused for the first half of its lifetime so a busy user does not cost an RSA signature per
 * call. Created at start-up,
 * so a missing or malformed INTERNAL_JWT_PRIVATE_KEY stops the gateway at once with a clear message.
 */
@Startup
@ApplicationScoped
public class InternalTokenIssuer {

    public static final String ISSUER = "chat-gateway";
    static final Duration MAX_LIFETIME = Duration.ofSeconds(300);

    private final PrivateKey key;
    private final Duration lifetime;
    private final Cache<String, String> recent;

    @Inject
    InternalTokenIssuer(GatewayConfig config) {
        this(config.internalJwt().privateKey().filter(s -> !s.isBlank()).orElseThrow(
                () -> new IllegalStateException("INTERNAL_JWT_PRIVATE_KEY is not set: the gateway cannot call other services")),
                config.internalJwt().lifetime());
    }

    InternalTokenIssuer(String privateKey, Duration lifetime) {
        this.key = PemKeys.privateKey(privateKey);
        this.lifetime = checkedLifetime(lifetime);
        this.recent = Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(lifetime.dividedBy(2)).build();
    }

    /** The receivers refuse a token that lives longer than 300 s ({@code exp - iat}). */
    static Duration checkedLifetime(Duration lifetime) {
        if (lifetime.compareTo(Duration.ofSeconds(10)) < 0 || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalStateException("z3chat.internal-jwt.lifetime must be between 10s and 300s, not " + lifetime);
        }
        return lifetime;
    }

    /** A bearer token for {@code target} acting as {@code subject} (an email, or {@code anonymous}). */
    public String tokenFor(Target target, String subject) {
        return recent.get(target.audience() + '\n' + subject, k -> sign(target.audience(), subject));
    }

    private String sign(String audience, String subject) {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER)
                .audience(audience)
                .subject(subject)
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .claim("jti", UUID.randomUUID().toString())
                .jws().algorithm(SignatureAlgorithm.RS256)
                .sign(key);
    }
}
