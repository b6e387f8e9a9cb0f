package io.z3chat.gateway.testing;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.UUID;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import io.smallrye.jwt.build.Jwt;
import io.z3chat.gateway.downstream.PemKeys;
import io.z3chat.gateway.support.StubServicesResource;

/** The test-only internal key pair (src/test/resources/internal-jwt). */
public final class TestTokens {

    public static final PrivateKey PRIVATE = PemKeys.privateKey(StubServicesResource.resource("internal-jwt/private.pem"));
    public static final PrivateKey OTHER_PRIVATE = PemKeys
            .privateKey(StubServicesResource.resource("internal-jwt/other-private.pem"));

    private TestTokens() {
    }

    /** An internal token as llm-proxy would sign it for the gateway's callback. */
    public static String internalToken(String issuer, String audience, String subject, Instant issuedAt,
            Instant expiresAt, PrivateKey key) {
        var builder = Jwt.issuer(issuer).audience(audience).issuedAt(issuedAt).expiresAt(expiresAt)
                .claim("jti", UUID.randomUUID().toString());
        if (subject != null) {
            builder.subject(subject);
        }
        return builder.jws().sign(key);
    }

    public static String callbackToken(String user) {
        Instant now = Instant.now();
        return internalToken("llm-proxy-service", "chat-gateway", user, now, now.plusSeconds(120), PRIVATE);
    }

    /** Verifies a token the gateway sent downstream against the public key; returns its claims. */
    public static JwtClaims verifyGatewayToken(String token, String audience) {
        try {
            return new JwtConsumerBuilder()
                    .setVerificationKey(PemKeys.publicKey(StubServicesResource.resource("internal-jwt/public.pem")))
                    .setExpectedIssuer("chat-gateway")
                    .setExpectedAudience(audience)
                    .setRequireExpirationTime()
                    .setRequireIssuedAt()
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                            AlgorithmIdentifiers.RSA_USING_SHA256)
                    .build().processToClaims(token);
        } catch (Exception e) {
            throw new AssertionError("gateway token does not verify: " + e.getMessage(), e);
        }
    }
}
