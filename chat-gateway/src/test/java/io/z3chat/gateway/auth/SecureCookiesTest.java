package io.z3chat.gateway.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.restassured.response.Response;
import io.z3chat.gateway.support.GatewayTest;
import io.z3chat.gateway.support.Idp;

/** Behind a TLS-terminating proxy (an https PUBLIC_URL, plain http inside): cookies are Secure, HSTS is on. */
@QuarkusTest
@GatewayTest
@TestProfile(SecureCookiesTest.HttpsPublicUrl.class)
class SecureCookiesTest {

    public static class HttpsPublicUrl implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("z3chat.public-url", "https://chat.example.com");
        }
    }

    @OidcWireMock
    WireMockServer idp;

    @Test
    void anHttpsPublicUrlMakesTheSessionAndStateCookiesSecure() {
        Response start = given().redirects().follow(false).get("/login");
        assertEquals(302, start.statusCode());
        String stateCookie = start.header("Set-Cookie");
        assertTrue(stateCookie.toLowerCase().contains("secure"), stateCookie);
        String location = start.header("Location");
        assertTrue(location.contains("redirect_uri=https%3A%2F%2F"), location);

        String state = query(location, "state");
        String code = Idp.codeFor(idp, "secure@example.com", Instant.now().plusSeconds(600));
        Response callback = given().redirects().follow(false).cookies(start.cookies())
                .queryParam("code", code).queryParam("state", state).get("/login");
        String sessionCookie = callback.headers().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("q_session")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie: " + callback.statusCode()));
        String attributes = sessionCookie.toLowerCase();
        assertTrue(attributes.contains("secure") && attributes.contains("httponly")
                && attributes.contains("samesite=lax"), sessionCookie);

        Map<String, String> session = new java.util.HashMap<>(callback.cookies());
        session.keySet().removeIf(name -> !name.startsWith("q_session"));
        given().cookies(session).get("/api/me").then().statusCode(200)
                .body("email", is("secure@example.com"));
    }

    @Test
    void anHttpsPublicUrlTurnsOnHstsAndSecureSockets() {
        Response page = given().get("/");
        assertEquals("max-age=31536000; includeSubDomains", page.header("Strict-Transport-Security"));
        String csp = page.header("Content-Security-Policy");
        assertTrue(csp.contains("connect-src 'self' wss://chat.example.com;"), csp);
    }

    private static String query(String url, String name) {
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return java.net.URLDecoder.decode(pair.substring(name.length() + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError(name + " missing in " + url);
    }
}
