package io.z3chat.gateway.auth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.oidc.OidcConfigurationMetadata;
import io.quarkus.oidc.OidcSession;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.z3chat.gateway.GatewayConfig;
import io.z3chat.gateway.web.Pages;

/**
 * {@code GET /login?next=/chat/{id}}: protected by the OIDC code flow, so reaching it means the user is signed in;
 * it sends them on to {@code next} (a local path). {@code POST /logout} ends the session (CSRF-checked by
 * {@link io.z3chat.gateway.security.CsrfFilter}) and, when the provider supports it, the provider's session too.
 */
@Path("/")
public class LoginResource {

    private final SecurityIdentity identity;
    private final OidcSession session;
    private final Instance<OidcConfigurationMetadata> metadata;
    private final String publicUrl;
    private final String clientId;

    LoginResource(SecurityIdentity identity, OidcSession session, Instance<OidcConfigurationMetadata> metadata,
            GatewayConfig config, @ConfigProperty(name = "quarkus.oidc.client-id") String clientId) {
        this.identity = identity;
        this.session = session;
        this.metadata = metadata;
        this.publicUrl = config.publicUrl().endsWith("/") ? config.publicUrl() : config.publicUrl() + "/";
        this.clientId = clientId;
    }

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    public Response login(@QueryParam("next") String next) {
        if (UserEmail.of(identity).isEmpty()) {
            return Response.status(403).type(MediaType.TEXT_HTML_TYPE).entity(Pages.noEmail(UserEmail.NO_EMAIL_MESSAGE))
                    .build();
        }
        // a relative Location: right whatever scheme and host a TLS-terminating proxy in front of us uses
        return Response.status(303).header("Location", NextPath.sanitize(next)).header("Cache-Control", "no-store")
                .build();
    }

    @POST
    @Path("logout")
    public Uni<Response> logout() {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(Response.status(303).header("Location", "/").build());
        }
        String location = endSessionUrl();
        return session.logout().map(ignored -> Response.status(303).header("Location", location).build());
    }

    private String endSessionUrl() {
        try {
            String endSession = metadata.get().getEndSessionUri();
            if (endSession == null) {
                return "/";
            }
            String hint = session.getIdToken() == null ? null : session.getIdToken().getRawToken();
            StringBuilder url = new StringBuilder(endSession).append(endSession.contains("?") ? '&' : '?')
                    .append("client_id=").append(encode(clientId))
                    .append("&post_logout_redirect_uri=").append(encode(publicUrl));
            if (hint != null) {
                url.append("&id_token_hint=").append(encode(hint));
            }
            return url.toString();
        } catch (RuntimeException e) {
            // a bearer-token client has no provider session to end
            return "/";
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
