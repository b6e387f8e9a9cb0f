package io.z3chat.gateway.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.restassured.response.Response;
import io.z3chat.gateway.support.Browser;
import io.z3chat.gateway.testing.Management;
import io.z3chat.gateway.support.GatewayTest;
import io.z3chat.gateway.support.Idp;

@QuarkusTest
@GatewayTest
class AuthTest {

    @OidcWireMock
    WireMockServer idp;

    @Test
    void apiWithoutSessionIsUnauthorizedJsonNotARedirect() {
        given().redirects().follow(false).get("/api/me").then().statusCode(401)
                .header("Location", nullValue())
                .body("error.code", is("unauthorized"));
    }

    @Test
    void loginWithoutSessionRedirectsToTheIdentityProviderWithPkce() {
        Response response = given().redirects().follow(false).queryParam("next", "/chat/abc12345").get("/login");
        assertEquals(302, response.statusCode());
        String location = response.header("Location");
        assertTrue(location.contains("/auth/realms/quarkus"), location);
        assertTrue(location.contains("code_challenge="), location);
        assertTrue(location.contains("redirect_uri=http%3A%2F%2Flocalhost%3A"), location);
    }

    @Test
    void codeFlowSignsInWithTheLowerCasedEmailAndReturnsToNext() {
        String email = Browser.uniqueEmail("Alice").replace("alice", "ALICE");
        Browser.SignIn signIn = Browser.signIn(idp, email, Instant.now().plusSeconds(600), "/chat/abc12345");
        assertEquals(303, signIn.landing().statusCode());
        assertEquals("/chat/abc12345", signIn.landing().header("Location"));
        signIn.browser().request().get("/api/me").then().statusCode(200).body("email", is(email.toLowerCase()));
    }

    @Test
    void sessionAndStateCookiesAreHttpOnlyAndSameSite() {
        Response start = given().redirects().follow(false).get("/login");
        String stateCookie = start.header("Set-Cookie");
        assertTrue(stateCookie.toLowerCase().contains("httponly"), stateCookie);
        assertTrue(stateCookie.toLowerCase().contains("samesite=lax"), stateCookie);

        Browser.SignIn signIn = Browser.signIn(idp, Browser.uniqueEmail("cookie"), Instant.now().plusSeconds(600), "/");
        String sessionCookie = signIn.callback().headers().getValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("q_session")).findFirst().orElseThrow();
        assertTrue(sessionCookie.toLowerCase().contains("httponly"), sessionCookie);
        assertTrue(sessionCookie.toLowerCase().contains("samesite=lax"), sessionCookie);
        // plain-http PUBLIC_URL here; SecureCookiesTest runs with an https one
        assertTrue(!sessionCookie.toLowerCase().contains("secure"), sessionCookie);
    }

    @ParameterizedTest
    @ValueSource(strings = { "//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)",
            "/\r\nLocation: https://evil.example" })
    void nextMustBeALocalPath(String next) {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("redirect"));
        String location = browser.request().redirects().follow(false).queryParam("next", next).get("/login")
                .then().statusCode(303).extract().header("Location");
        assertEquals("/", location);
    }

    @Test
    void bearerTokenWorksForApiClients() {
        given().auth().oauth2(Idp.accessToken("Bob@Example.COM")).get("/api/me").then().statusCode(200)
                .body("email", is("bob@example.com"));
    }

    @Test
    void invalidBearerTokenIsUnauthorizedJson() {
        given().auth().oauth2("not-a-token").get("/api/me").then().statusCode(401).body("error.code", is("unauthorized"));
    }

    @Test
    void signInWithoutEmailGetsAClearErrorPageAndNoApi() {
        Browser.SignIn signIn = Browser.signIn(idp, null, Instant.now().plusSeconds(600), "/");
        signIn.landing().then().statusCode(403).contentType(containsString("text/html"))
                .body(containsString("did not share an email address"))
                .body(not(containsString("<script")));
        signIn.browser().request().get("/api/me").then().statusCode(403).body("error.code", is("forbidden"));
    }

    @Test
    void bearerTokenWithoutEmailIsForbidden() {
        given().auth().oauth2(Idp.accessToken(null)).get("/api/me").then().statusCode(403)
                .body("error.code", is("forbidden"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "/", "/chat/abc12345", "/archived", "/share/Abc_defghij-klmnop" })
    void everyRouteOfTheWebUiServesTheAppWithItsScriptAsAFile(String route) {
        String html = given().get(route).then().statusCode(200).contentType(containsString("text/html"))
                .header("Cache-Control", "no-cache").extract().asString();
        assertTrue(html.contains("<div id=\"root\"></div>"), html);
        assertTrue(html.matches("(?s).*<script type=\"module\" crossorigin src=\"/assets/app-[^\"]+\\.js\"></script>.*"), html);
        assertTrue(!html.matches("(?s).*<script[^>]*>[^<]+</script>.*") && !html.contains("<style"), "no inline script or style");
        // signed in, the same page: the app asks /api/me who it is
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("home"));
        browser.request().get(route).then().statusCode(200).body(containsString("<div id=\"root\"></div>"));
    }

    @Test
    void aShareLinksPageIsKeptOutOfSearchEnginesAndTheOtherPagesAreNot() {
        given().get("/share/Abc_defghij-klmnop").then().statusCode(200).header("X-Robots-Tag", "noindex")
                .header("Cache-Control", "no-cache");
        given().get("/").then().statusCode(200).header("X-Robots-Tag", nullValue());
    }

    @Test
    void theAppsScriptsAreServedAndOtherPathsKeepTheirMeaning() {
        String html = given().get("/").asString();
        String script = html.replaceAll("(?s).*src=\"(/assets/app-[^\"]+\\.js)\".*", "$1");
        given().get(script).then().statusCode(200).contentType(containsString("javascript"));
        given().get("/api/chat").then().statusCode(401).body("error.code", is("unauthorized"));
        given().redirects().follow(false).get("/login").then().statusCode(302);
        given().get("/q/health/live").then().statusCode(404);
        Management.given().get("/q/health/live").then().statusCode(200);
        given().get("/chat/abc12345/extra").then().statusCode(404);
    }

    @Test
    void logoutEndsTheSessionAtTheGatewayAndTheProvider() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("logout"));
        Response response = browser.request().redirects().follow(false).header("Origin", Browser.ORIGIN)
                .post("/logout");
        assertEquals(303, response.statusCode());
        assertTrue(response.header("Location").contains("/protocol/openid-connect/end-session?client_id="),
                response.header("Location"));
        String cleared = response.headers().getValues("Set-Cookie").stream().filter(c -> c.startsWith("q_session"))
                .findFirst().orElseThrow();
        assertTrue(cleared.contains("Max-Age=0") || cleared.contains("Expires=Thu, 01 Jan 1970"), cleared);
    }

    @Test
    void logoutNeedsPost() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("getlogout"));
        browser.request().redirects().follow(false).get("/logout").then().statusCode(405);
        browser.request().get("/api/me").then().statusCode(200);
    }

    @Test
    void expiredSessionIsUnauthorizedOnApiAndTheExpiredPageInTheBrowser() {
        Browser browser = expiredSession("expiring", 2);
        browser.request().redirects().follow(false).get("/api/me").then().statusCode(401)
                .body("error.code", is("unauthorized"));
        browser.request().redirects().follow(false).get("/").then().statusCode(302)
                .header("Location", startsWith("http://localhost")).header("Location", containsString("session=expired"));
    }

    @Test
    void anExpiredSessionOnAChatSignsInAgainAndComesBackToIt() {
        Browser browser = expiredSession("expiring-chat", 4);
        browser.request().redirects().follow(false).get("/chat/abc12345?m=msg12345").then().statusCode(302)
                .header("Location", is("/login?next=%2Fchat%2Fabc12345%3Fm%3Dmsg12345"));
    }

    /** A browser whose session has run out (its ID token expires after {@code seconds}). */
    private Browser expiredSession(String name, int seconds) {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail(name), Instant.now().plusSeconds(seconds), "/").browser();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> browser.request().redirects().follow(false).get("/api/me").statusCode() == 401);
        return browser;
    }
}
