package io.z3chat.gateway.support;

import static io.restassured.RestAssured.given;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** A browser signed in through the real authorization-code flow against the offline OIDC server. */
public final class Browser {

    public static final String ORIGIN = "http://localhost:8080";

    private final String email;
    private final Map<String, String> cookies;

    private Browser(String email, Map<String, String> cookies) {
        this.email = email;
        this.cookies = cookies;
    }

    public static String uniqueEmail(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    public static Browser signIn(WireMockServer idp, String email) {
        return signIn(idp, email, Instant.now().plusSeconds(600), "/").browser();
    }

    /**
     * The result of a sign-in: the browser, the provider's redirect back (which sets the session cookie) and the last
     * response (the redirect on from /login).
     */
    public record SignIn(Browser browser, Response callback, Response landing) {
    }

    public static SignIn signIn(WireMockServer idp, String email, Instant idTokenExpiry, String next) {
        Response start = given().redirects().follow(false).queryParam("next", next).get("/login");
        if (start.statusCode() != 302) {
            throw new AssertionError("expected a redirect to the identity provider, got " + start.statusCode());
        }
        Map<String, String> query = query(URI.create(start.header("Location")));
        String code = Idp.codeFor(idp, email, idTokenExpiry);
        Response callback = given().redirects().follow(false).cookies(start.cookies())
                .queryParam("code", code).queryParam("state", query.get("state"))
                .get(URI.create(query.get("redirect_uri")).getPath());
        Map<String, String> session = new HashMap<>();
        callback.cookies().forEach((name, value) -> {
            if (name.startsWith("q_session")) {
                session.put(name, value);
            }
        });
        if (session.isEmpty()) {
            throw new AssertionError("no session cookie after the code flow: " + callback.statusCode());
        }
        Browser browser = new Browser(email, session);
        Response landing = browser.request().urlEncodingEnabled(false).redirects().follow(false)
                .get(callback.header("Location"));
        return new SignIn(browser, callback, landing);
    }

    public String email() {
        return email;
    }

    public Map<String, String> cookies() {
        return cookies;
    }

    public String cookieHeader() {
        StringBuilder header = new StringBuilder();
        cookies.forEach((name, value) -> header.append(header.length() == 0 ? "" : "; ").append(name).append('=')
                .append(value));
        return header.toString();
    }

    /** A request with the session cookie only. */
    public RequestSpecification request() {
        return given().cookies(cookies);
    }

    /** A same-origin script's request: session cookie, Origin and the CSRF header. */
    public RequestSpecification api() {
        return request().header("Origin", ORIGIN).header("X-Requested-With", "z3chat").contentType("application/json");
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> params = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }
}
