package io.z3chat.llmproxy.auth;

import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.z3chat.llmproxy.fake.Api;
import io.z3chat.llmproxy.fake.FakeServices;
import io.z3chat.llmproxy.testing.Metrics;
import io.z3chat.llmproxy.testing.TestTokens;

/** Every endpoint wants chat-gateway's signed token for this service; anything else is 401 JSON. */
@QuarkusTest
@WithTestResource(FakeServices.class)
class AuthTest {

    private static final String USER = "someone@example.com";

    private static String valid() {
        return TestTokens.gateway(USER);
    }

    private static Map<String, String> brokenTokens() throws NoSuchAlgorithmException {
        Instant now = Instant.now();
        PrivateKey key = TestTokens.key();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PrivateKey otherKey = generator.generateKeyPair().getPrivate();
        String good = valid();
        return Map.of(
                "garbage", "not-a-jwt",
                "signed by another key", TestTokens.token("chat-gateway", "llm-proxy-service", USER, now,
                        now.plusSeconds(120), otherKey),
                "expired", TestTokens.token("chat-gateway", "llm-proxy-service", USER, now.minusSeconds(400),
                        now.minusSeconds(280), key),
                "for another audience", TestTokens.token("chat-gateway", "persistence-service", USER, now,
                        now.plusSeconds(120), key),
                "from an issuer this service does not accept", TestTokens.token("llm-proxy-service",
                        "llm-proxy-service", USER, now, now.plusSeconds(120), key),
                "without a subject", TestTokens.token("chat-gateway", "llm-proxy-service", null, now,
                        now.plusSeconds(120), key),
                "living longer than 300 s", TestTokens.token("chat-gateway", "llm-proxy-service", USER, now,
                        now.plusSeconds(600), key),
                "with a tampered payload", good.substring(0, good.indexOf('.') + 1) + "e30"
                        + good.substring(good.lastIndexOf('.')));
    }

    @Test
    void everyEndpointRefusesARequestWithoutAToken() {
        RestAssured.given().get("/models").then().statusCode(401).body("error.code", is("unauthorized"));
        RestAssured.given().contentType("application/json").body("{}").post("/generations").then().statusCode(401)
                .body("error.code", is("unauthorized"));
        RestAssured.given().get("/generations/gen_abcdefghijklmnopqrstu/events").then().statusCode(401);
        RestAssured.given().delete("/generations/gen_abcdefghijklmnopqrstu").then().statusCode(401);
        RestAssured.given().contentType("application/json").body("{}").post("/titles").then().statusCode(401);
    }

    @Test
    void everyBrokenTokenIsRefusedAndCounted() throws NoSuchAlgorithmException {
        double before = Metrics.value("z3chat_auth_failures_total");
        Map<String, String> broken = brokenTokens();
        broken.forEach((why, token) -> RestAssured.given().header("Authorization", "Bearer " + token)
                .get("/models").then().statusCode(401).body("error.code", is("unauthorized")));
        double after = Metrics.value("z3chat_auth_failures_total");
        assertTrue(after - before >= broken.size(), "counted: " + before + " -> " + after);
        RestAssured.given().header("Authorization", "Bearer " + valid()).get("/models").then().statusCode(200);
    }

    @Test
    void badInputIsA400InTheErrorShape() {
        Api.as(USER).contentType("application/json").body("{not json").post("/generations").then()
                .statusCode(400).body("error.code", is("invalid_request"));
        Api.as(USER).contentType("application/json")
                .body("{\"chatId\":\"short\",\"messageId\":\"msg_12345678\",\"model\":\"m\","
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                .post("/generations").then().statusCode(400).body("error.code", is("invalid_request"))
                .body("error.message", is("chatId: must be 8 to 64 characters of A-Z, a-z, 0-9, _ and -"));
        Api.as(USER).contentType("application/json")
                .body("{\"chatId\":\"chat_1234\",\"messageId\":\"msg_12345678\",\"model\":\"m\","
                        + "\"messages\":[{\"role\":\"robot\",\"content\":\"hi\"}],\"temperature\":3}")
                .post("/generations").then().statusCode(400).body("error.code", is("invalid_request"));
        Api.as(USER).contentType("application/json")
                .body("{\"chatId\":\"chat_1234\",\"messageId\":\"msg_12345678\",\"model\":\"m\","
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"callbackUrl\":\"file:///etc\"}")
                .post("/generations").then().statusCode(400).body("error.message", is("callbackUrl: must be an http(s) URL"));
        Api.as(USER).get("/nowhere").then().statusCode(404).body("error.code", is("not_found"));
    }
}
