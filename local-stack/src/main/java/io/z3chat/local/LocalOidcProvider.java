package io.z3chat.local;

/**
 * The local identity provider: no.nav.security mock-oauth2-server, standalone, in its own process.
 * Its login page takes any user name; the token callback below puts that name into the
 * {@code email} claim too, so typing an email address signs in as that address.
 */
final class LocalOidcProvider {

    static final String MAIN_CLASS = "no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt";

    private LocalOidcProvider() {
    }

    static String jsonConfig() {
        return """
                {
                  "interactiveLogin": true,
                  "httpServer": "NettyWrapper",
                  "tokenCallbacks": [
                    {
                      "issuerId": "%s",
                      "tokenExpiry": 3600,
                      "requestMappings": [
                        {
                          "requestParam": "grant_type",
                          "match": "*",
                          "claims": {
                            "sub": "${subject}",
                            "email": "${subject}",
                            "preferred_username": "${subject}",
                            "aud": ["%s"]
                          }
                        }
                      ]
                    }
                  ]
                }
                """.formatted(StackConfig.OIDC_ISSUER_ID, StackConfig.OIDC_CLIENT_ID);
    }
}
