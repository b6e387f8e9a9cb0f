package io.z3chat.gateway.chat;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.security.PrivateKey;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.z3chat.gateway.Ids;
import io.z3chat.gateway.support.Browser;
import io.z3chat.gateway.support.GatewayTest;
import io.z3chat.gateway.support.Idp;
import io.z3chat.gateway.testing.Management;
import io.z3chat.gateway.testing.TestTokens;

@QuarkusTest
@GatewayTest
class CallbackTest {

    static final String PATH = "/internal/generations/callback";

    @Test
    void aValidCallbackIsAccepted() {
        given().auth().oauth2(TestTokens.callbackToken(Browser.uniqueEmail("cb"))).contentType("application/json")
                .body(body("cancelled")).post(PATH).then().statusCode(204);
    }

    @ParameterizedTest
    @ValueSource(strings = { "missing", "wrong-audience", "wrong-issuer", "expired", "too-long-lived", "other-key",
            "no-subject", "identity-provider-token", "garbage" })
    void invalidTokensAreRejectedWith401Json(String kind) {
        var request = given().contentType("application/json").body(body("complete"));
        String token = token(kind);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.post(PATH).then().statusCode(401).body("error.code", is("unauthorized"));
    }

    @Test
    void rejectionsAreCounted() {
        given().contentType("application/json").body(body("complete")).post(PATH).then().statusCode(401);
        Management.given().get("/q/metrics").then().body(containsString("z3chat_gateway_callback_rejected_total"));
    }

    private static String token(String kind) {
        Instant now = Instant.now();
        String user = "someone@example.com";
        PrivateKey key = TestTokens.PRIVATE;
        return switch (kind) {
            case "missing" -> null;
            case "wrong-audience" -> TestTokens.internalToken("llm-proxy-service", "persistence-service", user, now,
                    now.plusSeconds(120), key);
            case "wrong-issuer" -> TestTokens.internalToken("chat-gateway", "chat-gateway", user, now, now.plusSeconds(120),
                    key);
            case "expired" -> TestTokens.internalToken("llm-proxy-service", "chat-gateway", user, now.minusSeconds(400),
                    now.minusSeconds(280), key);
            case "too-long-lived" -> TestTokens.internalToken("llm-proxy-service", "chat-gateway", user, now,
                    now.plusSeconds(3600), key);
            case "other-key" -> TestTokens.internalToken("llm-proxy-service", "chat-gateway", user, now,
                    now.plusSeconds(120), TestTokens.OTHER_PRIVATE);
            case "no-subject" -> TestTokens.internalToken("llm-proxy-service", "chat-gateway", null, now,
                    now.plusSeconds(120), key);
            case "identity-provider-token" -> Idp.accessToken(user);
            default -> "not.a.jwt";
        };
    }

    private static String body(String status) {
        return "{\"generationId\":\"gen_" + Ids.newId() + "\",\"chatId\":\"" + Ids.newId() + "\",\"messageId\":\""
                + Ids.newId() + "\",\"status\":\"" + status + "\"}";
    }
}
