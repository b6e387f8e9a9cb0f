package io.z3chat.gateway.security;

import java.security.PublicKey;

import jakarta.enterprise.context.ApplicationScoped;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import io.z3chat.gateway.GatewayConfig;
import io.z3chat.gateway.downstream.PemKeys;
import io.z3chat.gateway.error.GatewayException;

/**
 * Verifies the internal JWTs other services send to the gateway (the lifecycle callback). Done here with jose4j, on
 * purpose outside Quarkus' security layer: the OIDC mechanism owns every other bearer token of the gateway.
 */
@ApplicationScoped
public class InternalJwtVerifier {

    public static final String AUDIENCE = "chat-gateway";
    static final long MAX_LIFETIME_SECONDS = 300;

    private final PublicKey key;

    InternalJwtVerifier(GatewayConfig config) {
        this.key = config.internalJwt().publicKey().filter(s -> !s.isBlank()).map(PemKeys::publicKey).orElse(null);
    }

    /** Checks signature, issuer, audience, expiry and lifetime; returns the acting user ({@code sub}). */
    public String verify(String authorizationHeader, String expectedIssuer) {
        if (key == null) {
            throw GatewayException.unauthorized("INTERNAL_JWT_PUBLIC_KEY is not configured");
        }
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw GatewayException.unauthorized("Missing bearer token");
        }
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds(30)
                .setExpectedIssuer(expectedIssuer)
                .setExpectedAudience(AUDIENCE)
                .setVerificationKey(key)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .build();
        try {
            JwtClaims claims = consumer.processToClaims(authorizationHeader.substring(7).trim());
            long lifetime = claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue();
            if (lifetime > MAX_LIFETIME_SECONDS) {
                throw GatewayException.unauthorized("Token lifetime exceeds " + MAX_LIFETIME_SECONDS + " s");
            }
            String subject = claims.getSubject();
            if (subject == null || subject.isBlank()) {
                throw GatewayException.unauthorized("Token has no subject");
            }
            return subject;
        } catch (InvalidJwtException | org.jose4j.jwt.MalformedClaimException e) {
            throw GatewayException.unauthorized("Invalid internal token");
        }
    }
}
