package io.z3chat.llmproxy.testing;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.UUID;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import io.z3chat.llmproxy.fake.FakeServices;

/** Tokens as chat-gateway mints them for this service, signed with the test key, and broken variants. */
public final class TestTokens {

    private TestTokens() {
    }

    public static String gateway(String user) {
        Instant now = Instant.now();
        return token("chat-gateway", "llm-proxy-service", user, now, now.plusSeconds(120), key());
    }

    public static String token(String issuer, String audience, String subject, Instant issuedAt, Instant expiresAt,
            PrivateKey key) {
        var claims = Jwt.issuer(issuer).audience(audience).issuedAt(issuedAt).expiresAt(expiresAt)
                .claim("jti", UUID.randomUUID().toString());
        if (subject != null) {
            claims.subject(subject);
        }
        return claims.jws().algorithm(SignatureAlgorithm.RS256).sign(key);
    }

    public static PrivateKey key() {
        try {
            return KeyUtils.decodePrivateKey(FakeServices.pem("keys/internal-private.pem"), SignatureAlgorithm.RS256);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
