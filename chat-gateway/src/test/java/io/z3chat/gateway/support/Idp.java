package io.z3chat.gateway.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;

import java.time.Instant;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/** Tokens of the offline OIDC test server (quarkus-test-oidc-server), with or without an email claim. */
public final class Idp {

    public static final String ISSUER = "https://server.example.com";
    public static final String CLIENT_ID = "quarkus-web-app";

    private Idp() {
    }

    /** A bearer access token for an API client. */
    public static String accessToken(String email) {
        return sign(claims(email).audience(ISSUER).claim("typ", "Bearer"));
    }

    public static String idToken(String email, Instant expiresAt) {
        return sign(claims(email).audience(CLIENT_ID).expiresAt(expiresAt).claim("typ", "ID"));
    }

    /** Makes the provider's token endpoint answer {@code code} with tokens for {@code email} (null: no email claim). */
    public static String codeFor(WireMockServer server, String email, Instant idTokenExpiry) {
        String code = UUID.randomUUID().toString();
        server.stubFor(post("/auth/realms/quarkus/token")
                .withRequestBody(containing("code=" + code))
                .atPriority(1)
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"" + accessToken(email) + "\",\"token_type\":\"Bearer\","
                                + "\"expires_in\":300,\"id_token\":\"" + idToken(email, idTokenExpiry) + "\"}")));
        return code;
    }

    private static JwtClaimsBuilder claims(String email) {
        JwtClaimsBuilder builder = Jwt.issuer(ISSUER).subject(UUID.randomUUID().toString())
                .preferredUserName(email == null ? "nobody" : email).issuedAt(Instant.now());
        if (email != null) {
            builder.claim("email", email);
        }
        return builder;
    }

    private static String sign(JwtClaimsBuilder builder) {
        return builder.jws().keyId("1").sign("privateKey.jwk");
    }
}
