package io.z3chat.llmproxy.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * This service reads and signs as the gateway does: chat-gateway's {@code InternalTokenIssuerTest} takes the same
 * files (src/test/resources/internal-jwt-formats) and expects the same answers.
 */
class PemKeysTest {

    private static final PublicKey PUBLIC = PemKeys.publicKey(key("public.pem"));

    @ParameterizedTest
    @ValueSource(strings = { "pkcs8.pem", "pkcs1.pem", "pkcs1-crlf.pem", "pkcs8.base64", "pkcs8-escaped-newlines.txt" })
    void everyAcceptedPrivateKeyFormatReadsAsTheSameKey(String file) {
        assertArrayEquals(PemKeys.privateKey(key("pkcs8.pem")).getEncoded(), PemKeys.privateKey(key(file)).getEncoded());
    }

    @Test
    void aPublicKeyReadsAsPemOrBareBase64() {
        String base64 = key("public.pem").replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        assertArrayEquals(PUBLIC.getEncoded(), PemKeys.publicKey(base64).getEncoded());
    }

    @ParameterizedTest
    @ValueSource(strings = { "encrypted.pem", "ec.pem", "public.pem", "README.md" })
    void anythingElseIsRefusedNamingTheVariable(String file) {
        var error = assertThrows(IllegalStateException.class, () -> PemKeys.privateKey(key(file)));
        assertTrue(error.getMessage().startsWith("INTERNAL_JWT_PRIVATE_KEY is not an RSA private key"), error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "pkcs8.pem", "pkcs1.pem" })
    void aPrivateKeyIsNotAPublicKey(String file) {
        var error = assertThrows(IllegalStateException.class, () -> PemKeys.publicKey(key(file)));
        assertTrue(error.getMessage().startsWith("INTERNAL_JWT_PUBLIC_KEY is not an RSA public key"), error.getMessage());
    }

    @Test
    void signsTheClaimsBothSigningServicesSign() throws Exception {
        var tokens = new InternalTokens(key("pkcs1.pem"), Duration.ofSeconds(120));
        String bearer = tokens.bearer(InternalTokens.PERSISTENCE, "ada@example.com");
        JwtClaims claims = new JwtConsumerBuilder().setVerificationKey(PUBLIC)
                .setExpectedIssuer("llm-proxy-service").setExpectedAudience("persistence-service")
                .build().processToClaims(bearer.substring("Bearer ".length()));
        assertEquals("ada@example.com", claims.getSubject());
        assertEquals(120, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
        assertNotNull(claims.getJwtId());
    }

    @ParameterizedTest
    @ValueSource(strings = { "PT5S", "PT301S", "PT0S" })
    void aLifetimeTheReceiversWouldRefuseStopsTheStart(String lifetime) {
        var error = assertThrows(IllegalStateException.class,
                () -> new InternalTokens(PemKeys.privateKey(key("pkcs8.pem")), Duration.parse(lifetime), Clock.systemUTC()));
        assertTrue(error.getMessage().startsWith("z3chat.internal-jwt.lifetime must be between 10s and 300s"));
    }

    @Test
    void aLongerLifetimeIsSignedAndReusedForItsFirstHalf() throws Exception {
        var clock = new io.z3chat.llmproxy.fake.SettableClock(java.time.Instant.now());
        var tokens = new InternalTokens(PemKeys.privateKey(key("pkcs8.pem")), Duration.ofSeconds(300), clock);
        String first = tokens.bearer(InternalTokens.GATEWAY, "ada@example.com");
        JwtClaims claims = new JwtConsumerBuilder().setVerificationKey(PUBLIC).setSkipDefaultAudienceValidation()
                .setEvaluationTime(org.jose4j.jwt.NumericDate.fromMilliseconds(clock.millis()))
                .build().processToClaims(first.substring("Bearer ".length()));
        assertEquals(300, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
        clock.advance(Duration.ofSeconds(149));
        assertEquals(first, tokens.bearer(InternalTokens.GATEWAY, "ada@example.com"));
        clock.advance(Duration.ofSeconds(2));
        assertTrue(!first.equals(tokens.bearer(InternalTokens.GATEWAY, "ada@example.com")));
    }

    static String key(String file) {
        try (InputStream in = PemKeysTest.class.getClassLoader().getResourceAsStream("internal-jwt-formats/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
