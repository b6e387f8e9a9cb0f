package io.z3chat.llmproxy.auth;

import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

/**
 * Mints the RS256 tokens this service sends to persistence-service and chat-gateway: {@code iss} llm-proxy-service,
 * {@code aud} the service, {@code sub} the acting user, {@code iat}, {@code exp} (after
 * {@code z3chat.internal-jwt.lifetime}, 120 s, at most 300 s) and a {@code jti}, as the gateway's
 * {@code InternalTokenIssuer} mints them; the key is read by {@link PemKeys}. A token is reused for the first half of
 * its lifetime, so a busy reply does not pay an RSA signature per checkpoint.
 */
@ApplicationScoped
public class InternalTokens {

    public static final String ISSUER = "llm-proxy-service";
    public static final String PERSISTENCE = "persistence-service";
    public static final String GATEWAY = "chat-gateway";

    static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(120);
    static final Duration MAX_LIFETIME = Duration.ofSeconds(300);
    private static final int MAX_CACHED = 10_000;

    private final PrivateKey key;
    private final Duration lifetime;
    private final Duration reuseWhileValidFor;
    private final Clock clock;
    private final Map<String, Minted> cache = new ConcurrentHashMap<>();

    @Inject
    public InternalTokens(@ConfigProperty(name = "z3chat.auth.private-key") String privateKeyPem,
            @ConfigProperty(name = "z3chat.internal-jwt.lifetime", defaultValue = "120s") Duration lifetime) {
        this(PemKeys.privateKey(privateKeyPem), lifetime, Clock.systemUTC());
    }

    InternalTokens(PrivateKey key, Clock clock) {
        this(key, DEFAULT_LIFETIME, clock);
    }

    InternalTokens(PrivateKey key, Duration lifetime, Clock clock) {
        this.key = key;
        this.lifetime = checkedLifetime(lifetime);
        this.reuseWhileValidFor = lifetime.dividedBy(2);
        this.clock = clock;
    }

    /** The receivers refuse a token that lives longer than 300 s ({@code exp - iat}). */
    static Duration checkedLifetime(Duration lifetime) {
        if (lifetime.compareTo(Duration.ofSeconds(10)) < 0 || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw new IllegalStateException("z3chat.internal-jwt.lifetime must be between 10s and 300s, not " + lifetime);
        }
        return lifetime;
    }

    /** The {@code Authorization} header value for a call to {@code audience} on behalf of {@code user}. */
    public String bearer(String audience, String user) {
        Instant now = clock.instant();
        String cacheKey = audience + '\n' + user;
        Minted cached = cache.get(cacheKey);
        if (cached != null && cached.expiresAt().minus(reuseWhileValidFor).isAfter(now)) {
            return cached.header();
        }
        Minted minted = mint(audience, user, now);
        if (cache.size() >= MAX_CACHED) {
            cache.values().removeIf(m -> !m.expiresAt().minus(reuseWhileValidFor).isAfter(now));
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
        }
        cache.put(cacheKey, minted);
        return minted.header();
    }

    private Minted mint(String audience, String user, Instant now) {
        Instant expiresAt = now.plus(lifetime);
        String token = Jwt.issuer(ISSUER)
                .audience(audience)
                .subject(user)
                .issuedAt(now)
                .expiresAt(expiresAt)
                .claim("jti", UUID.randomUUID().toString())
                .jws().algorithm(SignatureAlgorithm.RS256)
                .sign(key);
        return new Minted("Bearer " + token, expiresAt);
    }

    private record Minted(String header, Instant expiresAt) {
    }
}
