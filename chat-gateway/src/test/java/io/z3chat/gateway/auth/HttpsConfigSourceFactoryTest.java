package io.z3chat.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.z3chat.gateway.security.PublicOrigin;

class HttpsConfigSourceFactoryTest {

    @Test
    void anHttpsPublicUrlForcesSecureCookiesAndHttpsRedirects() {
        var defaults = HttpsConfigSourceFactory.defaults("https://chat.example.com");
        assertEquals("true", defaults.get("quarkus.oidc.authentication.cookie-force-secure"));
        assertEquals("true", defaults.get("quarkus.oidc.authentication.force-redirect-https-scheme"));
        assertTrue(HttpsConfigSourceFactory.defaults("http://localhost:8080").isEmpty());
        assertTrue(HttpsConfigSourceFactory.defaults(null).isEmpty());
    }

    @Test
    void originsAreComparedNormalized() {
        PublicOrigin origin = new PublicOrigin("https://Chat.Example.com:443/app");
        assertEquals("https://chat.example.com", origin.origin());
        assertEquals("wss://chat.example.com", origin.socketOrigin());
        assertTrue(origin.https());
        assertTrue(origin.matches("https://chat.example.com"));
        assertTrue(!origin.matches("https://chat.example.com.evil.example"));
        assertTrue(!origin.matches("http://chat.example.com"));
        assertTrue(!origin.matches("https://user@chat.example.com"));
        assertTrue(!origin.matches("null"));
    }
}
