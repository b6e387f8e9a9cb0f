package io.z3chat.gateway.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.restassured.response.Response;
import io.z3chat.gateway.support.Browser;
import io.z3chat.gateway.support.GatewayTest;
import io.z3chat.gateway.support.Idp;
import io.z3chat.gateway.testing.Management;
import io.z3chat.gateway.support.Stubs;

@QuarkusTest
@GatewayTest
class ProtectionTest {

    @OidcWireMock
    WireMockServer idp;

    @Test
    void cookieAuthenticatedChangesNeedTheSiteOriginAndTheCsrfHeader() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("csrf"));
        Stubs.persistence().json("POST", "/chats", 201, "{\"id\":\"csrf-chat-0001\"}");
        int before = Stubs.persistence().calls("POST", "/chats").size();

        browser.request().contentType("application/json").body("{}").post("/api/chat")
                .then().statusCode(403).body("error.code", is("forbidden"));
        browser.request().header("Origin", "https://evil.example").header("X-Requested-With", "z3chat")
                .contentType("application/json").body("{}").post("/api/chat").then().statusCode(403);
        browser.request().header("Origin", "http://localhost:8080.evil.example").header("X-Requested-With", "z3chat")
                .contentType("application/json").body("{}").post("/api/chat").then().statusCode(403);
        browser.request().header("Origin", Browser.ORIGIN).contentType("application/json").body("{}").post("/api/chat")
                .then().statusCode(403).body("error.message", containsString("X-Requested-With"));
        browser.request().header("Referer", "https://evil.example/page").header("X-Requested-With", "z3chat")
                .contentType("application/json").body("{}").post("/api/chat").then().statusCode(403);
        assertEquals(before, Stubs.persistence().calls("POST", "/chats").size(), "nothing reached persistence");

        browser.api().body("{}").post("/api/chat").then().statusCode(201);
        browser.request().header("Referer", Browser.ORIGIN + "/chat/x").header("X-Requested-With", "z3chat")
                .contentType("application/json").body("{}").post("/api/chat").then().statusCode(201);
    }

    @Test
    void bearerClientsAreExemptFromCsrfChecks() {
        Stubs.persistence().json("POST", "/chats", 201, "{\"id\":\"csrf-chat-0002\"}");
        given().auth().oauth2(Idp.accessToken(Browser.uniqueEmail("bearer"))).contentType("application/json")
                .body("{}").post("/api/chat").then().statusCode(201);
    }

    @Test
    void aForgedLogoutIsRefusedAndTheSessionLives() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("forged"));
        browser.request().redirects().follow(false).header("Origin", "https://evil.example").post("/logout")
                .then().statusCode(403);
        browser.request().redirects().follow(false).post("/logout").then().statusCode(403);
        browser.request().get("/api/me").then().statusCode(200).body("email", is(browser.email()));
    }

    @Test
    void everyResponseCarriesSecurityHeaders() {
        Response page = given().get("/");
        String csp = page.header("Content-Security-Policy");
        assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertTrue(csp.contains("connect-src 'self' ws://localhost:8080"), csp);
        assertEquals("nosniff", page.header("X-Content-Type-Options"));
        assertEquals("same-origin", page.header("Referrer-Policy"));
        assertEquals(null, page.header("Strict-Transport-Security"), "plain http: no HSTS");

        given().get("/api/me").then().statusCode(401).header("Content-Security-Policy", containsString("default-src"))
                .header("Cache-Control", "no-store");
    }

    @Test
    void requestsPerSecondAreLimitedPerUserWith429AndRetryAfter() {
        String limited = Idp.accessToken(Browser.uniqueEmail("greedy"));
        Response refused = null;
        for (int i = 0; i < 200 && refused == null; i++) {
            Response response = given().auth().oauth2(limited).get("/api/me");
            if (response.statusCode() == 429) {
                refused = response;
            } else {
                assertEquals(200, response.statusCode());
            }
        }
        assertTrue(refused != null, "the burst limit was never reached");
        refused.then().body("error.code", is("rate_limited")).header("Retry-After", not(nullValue()));
        assertTrue(Integer.parseInt(refused.header("Retry-After")) >= 1);
        // another user is not affected
        given().auth().oauth2(Idp.accessToken(Browser.uniqueEmail("other"))).get("/api/me").then().statusCode(200);
        Management.given().get("/q/metrics").then().statusCode(200)
                .body(containsString("z3chat_gateway_rate_limited_total{limit=\"requests\"}"));
    }

    @Test
    void healthAndMetricsAreServedOnTheManagementPortOnlyNeverOnThePublicOne() {
        Management.given().get("/q/metrics").then().statusCode(200).body(containsString("z3chat_gateway_sockets_open"));
        Management.given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
        given().redirects().follow(false).get("/q/metrics").then().statusCode(404);
        given().redirects().follow(false).get("/q/health/ready").then().statusCode(404);
        given().auth().oauth2(Idp.accessToken(Browser.uniqueEmail("metrics"))).get("/q/metrics").then().statusCode(404);
    }
}
