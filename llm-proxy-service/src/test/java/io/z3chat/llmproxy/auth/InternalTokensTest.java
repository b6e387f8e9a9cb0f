package io.z3chat.llmproxy.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.time.Instant;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import io.z3chat.llmproxy.fake.FakeServices;
import io.z3chat.llmproxy.fake.SettableClock;
import io.z3chat.llmproxy.testing.TestTokens;

class InternalTokensTest {

    private final SettableClock clock = new SettableClock(Instant.now());
    private final InternalTokens tokens = new InternalTokens(TestTokens.key(), clock);

    private JwtClaims verify(String header, String audience) throws Exception {
        return new JwtConsumerBuilder()
                .setVerificationKey(KeyUtils.decodePublicKey(FakeServices.pem("keys/internal-public.pem"),
                        SignatureAlgorithm.RS256))
                .setExpectedIssuer("llm-proxy-service").setExpectedAudience(audience)
                .setEvaluationTime(org.jose4j.jwt.NumericDate.fromMilliseconds(clock.millis()))
                .build().processToClaims(header.substring("Bearer ".length()));
    }

    @Test
    void signsWhatTheContractSays() throws Exception {
        JwtClaims claims = verify(tokens.bearer("persistence-service", "ada@example.com"), "persistence-service");
        assertEquals("ada@example.com", claims.getSubject());
        assertEquals(120, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
        assertNotNull(claims.getJwtId());
        assertEquals("chat-gateway", verify(tokens.bearer("chat-gateway", "ada@example.com"), "chat-gateway")
                .getAudience().get(0));
    }

    @Test
    void reusesATokenForItsFirstMinuteOnlyAndPerAudienceAndUser() {
        String first = tokens.bearer("persistence-service", "ada@example.com");
        clock.advance(Duration.ofSeconds(59));
        assertEquals(first, tokens.bearer("persistence-service", "ada@example.com"));
        assertNotEquals(first, tokens.bearer("persistence-service", "bob@example.com"));
        assertNotEquals(first, tokens.bearer("chat-gateway", "ada@example.com"));
        clock.advance(Duration.ofSeconds(2));
        assertNotEquals(first, tokens.bearer("persistence-service", "ada@example.com"));
    }
}
