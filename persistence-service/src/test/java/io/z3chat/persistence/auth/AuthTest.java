package io.z3chat.persistence.auth;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.z3chat.persistence.support.Endpoint;
import io.z3chat.persistence.testing.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static io.z3chat.persistence.support.Api.newId;
import static io.z3chat.persistence.support.Api.newUser;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class AuthTest {

    @Inject
    MeterRegistry registry;

    @Test
    void requestWithoutTokenIs401Json() {
        long before = rejected("missing");
        given().get("/chats").then().statusCode(401).contentType(ContentType.JSON)
                .body("error.code", is("unauthorized")).body("error.message", notNullValue());
        assertEquals(before + 1, rejected("missing"));
    }

    @Test
    void tokenSignedWithAnUntrustedKeyIs401() {
        assertRejected(TestTokens.sign(TestTokens.claims(newUser()), TestTokens.UNTRUSTED), "invalid");
    }

    @Test
    void expiredTokenIs401() {
        var past = Instant.now().minusSeconds(600);
        assertRejected(TestTokens.sign(TestTokens.claims(newUser()).issuedAt(past).expiresAt(past.plusSeconds(120)), TestTokens.TRUSTED),
                "invalid");
    }

    @Test
    void tokenForAnotherAudienceIs401() {
        assertRejected(TestTokens.sign(TestTokens.claims(newUser()).audience("llm-proxy-service"), TestTokens.TRUSTED), "invalid");
    }

    @Test
    void tokenFromAnIssuerOutsideTheAllowListIs401() {
        assertRejected(TestTokens.sign(TestTokens.claims(newUser()).issuer("intruder"), TestTokens.TRUSTED), "issuer");
    }

    @Test
    void tokenWithoutSubjectIs401() {
        var claims = TestTokens.claims(newUser());
        claims.remove("sub");
        assertRejected(TestTokens.sign(claims, TestTokens.TRUSTED), "invalid");
    }

    @Test
    void tokenLivingLongerThanFiveMinutesIs401() {
        var now = Instant.now();
        assertRejected(TestTokens.sign(TestTokens.claims(newUser()).issuedAt(now).expiresAt(now.plusSeconds(301)), TestTokens.TRUSTED),
                "invalid");
    }

    @Test
    void unsignedTokenIs401() {
        var encoder = Base64.getUrlEncoder().withoutPadding();
        var header = encoder.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        var now = Instant.now().getEpochSecond();
        var payload = encoder.encodeToString(("{\"iss\":\"chat-gateway\",\"aud\":\"persistence-service\",\"sub\":\"a@b.c\","
                + "\"iat\":" + now + ",\"exp\":" + (now + 60) + "}").getBytes(StandardCharsets.UTF_8));
        assertRejected(header + "." + payload + ".", "invalid");
    }

    @Test
    void garbageTokenIs401() {
        assertRejected("not-a-jwt", "invalid");
    }

    @Test
    void gatewayAndLlmProxyTokensAreAccepted() {
        for (var issuer : new String[]{"chat-gateway", "llm-proxy-service"}) {
            given().auth().oauth2(TestTokens.sign(TestTokens.claims(newUser()).issuer(issuer), TestTokens.TRUSTED))
                    .get("/chats").then().statusCode(200);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointRejectsARequestWithoutAToken() {
        var target = new Endpoint.Target(newId(), newId(), newId(), newId());
        return Endpoint.ALL.stream().map(endpoint -> DynamicTest.dynamicTest(endpoint.name(), () ->
                endpoint.call().apply(given().contentType(ContentType.JSON), target).then()
                        .statusCode(401).body("error.code", is("unauthorized"))));
    }

    private void assertRejected(String token, String reason) {
        long before = rejected(reason);
        given().auth().oauth2(token).get("/chats").then().statusCode(401).contentType(ContentType.JSON)
                .body("error.code", is("unauthorized"));
        assertEquals(before + 1, rejected(reason), "rejections counted for reason " + reason);
    }

    private long rejected(String reason) {
        var counter = registry.find(RejectedTokens.METRIC).tag("reason", reason).counter();
        return counter == null ? 0 : (long) counter.count();
    }
}
