package io.z3chat.persistence.testing;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.UUID;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Internal JWTs as the gateway and llm-proxy mint them, and the broken ones they must never be. */
public final class TestTokens {

    public static final PrivateKey TRUSTED = TestKeys.privateKey("jwt/test-private-key.pem");
    public static final PrivateKey UNTRUSTED = TestKeys.privateKey("jwt/other-private-key.pem");

    private TestTokens() {
    }

    /** A valid gateway token for {@code user}. */
    public static String forUser(String user) {
        return sign(claims(user), TRUSTED);
    }

    /** Valid claims (issuer chat-gateway, audience persistence-service, 120 s life) to vary in a test. */
    public static JwtClaimsBuilder claims(String user) {
        var now = Instant.now();
        return Jwt.claims()
                .issuer("chat-gateway")
                .audience("persistence-service")
                .subject(user)
                .issuedAt(now)
                .expiresAt(now.plusSeconds(120))
                .claim("jti", UUID.randomUUID().toString());
    }

    public static String sign(JwtClaimsBuilder claims, PrivateKey key) {
        return claims.jws().algorithm(io.smallrye.jwt.algorithm.SignatureAlgorithm.RS256).sign(key);
    }
}
