package io.z3chat.llmproxy.auth;

import java.security.GeneralSecurityException;
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
import io.smallrye.jwt.util.KeyUtils;

/**
 * Mints the RS256 tokens this service sends to persistence-service and chat-gateway ({@code iss}
 * llm-proxy-service, {@code sub} the acting user, 120 s). A token is reused for its first minute, so a busy reply
 * does not pay an RSA signature per checkpoint.
 */
@ApplicationScoped
public class InternalTokens {

    public static final String ISSUER = "llm-proxy-service";
    public static final String PERSISTENCE = "persistence-service";
    public static final String GATEWAY = "chat-gateway";

    static final Duration LIFETIME = Duration.ofSeconds(120);
    private static final Duration REUSE_WHILE_VALID_FOR = Duration.ofSeconds(60);
    private static final int MAX_CACHED = 10_000;

    private final PrivateKey key;
    private final Clock clock;
    private final Map<String, Minted> cache = new ConcurrentHashMap<>();

    @Inject
    public InternalTokens(@ConfigProperty(name = "z3chat.auth.private-key") String privateKeyPem) {
        this(parse(privateKeyPem), Clock.systemUTC());
    }

    InternalTokens(PrivateKey key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    /** The {@code Authorization} header value for a call to {@code audience} on behalf of {@code user}. */
    public String bearer(String audience, String user) {
        Instant now = clock.instant();
        String cacheKey = audience + '\n' + user;
        Minted cached = cache.get(cacheKey);
        if (cached != null && cached.expiresAt().minus(REUSE_WHILE_VALID_FOR).isAfter(now)) {
            return cached.header();
        }
        Minted minted = mint(audience, user, now);
        if (cache.size() >= MAX_CACHED) {
            cache.values().removeIf(m -> !m.expiresAt().minus(REUSE_WHILE_VALID_FOR).isAfter(now));
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
        }
        cache.put(cacheKey, minted);
        return minted.header();
    }

    private Minted mint(String audience, String user, Instant now) {
        Instant expiresAt = now.plus(LIFETIME);
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

    private static PrivateKey parse(String pem) {
        try {
            return KeyUtils.decodePrivateKey(pem, SignatureAlgorithm.RS256);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("INTERNAL_JWT_PRIVATE_KEY is not a PEM PKCS#8 RSA private key");
        }
    }

    private record Minted(String header, Instant expiresAt) {
    }
}
