package io.z3chat.gateway.downstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The gateway reads and signs as llm-proxy-service does: its {@code InternalTokensTest} and {@code PemKeysTest} take
 * the same files (src/test/resources/internal-jwt-formats) and expect the same answers.
 */
class InternalTokenIssuerTest {

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
        var issuer = new InternalTokenIssuer(key("pkcs1.pem"), Duration.ofSeconds(120));
        JwtClaims claims = new JwtConsumerBuilder().setVerificationKey(PUBLIC)
                .setExpectedIssuer("chat-gateway").setExpectedAudience("persistence-service")
                .build().processToClaims(issuer.tokenFor(Target.PERSISTENCE, "ada@example.com"));
        assertEquals("ada@example.com", claims.getSubject());
        assertEquals(120, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
        assertNotNull(claims.getJwtId());
        assertEquals(issuer.tokenFor(Target.PERSISTENCE, "ada@example.com"), issuer.tokenFor(Target.PERSISTENCE,
                "ada@example.com"), "reused within the first half of its lifetime");
    }

    @ParameterizedTest
    @ValueSource(strings = { "PT5S", "PT301S", "PT0S" })
    void aLifetimeTheReceiversWouldRefuseStopsTheStart(String lifetime) {
        var error = assertThrows(IllegalStateException.class,
                () -> new InternalTokenIssuer(key("pkcs8.pem"), Duration.parse(lifetime)));
        assertTrue(error.getMessage().startsWith("z3chat.internal-jwt.lifetime must be between 10s and 300s"));
    }

    static String key(String file) {
        try (InputStream in = InternalTokenIssuerTest.class.getClassLoader()
                .getResourceAsStream("internal-jwt-formats/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
