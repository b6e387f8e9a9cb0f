package io.z3chat.gateway.web;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.security.identity.SecurityIdentity;
import io.z3chat.gateway.auth.UserEmail;

/** {@code /}: a sign-in link, or the signed-in user's email and a sign-out button. */
@Path("/")
public class HomeResource {

    private final SecurityIdentity identity;

    HomeResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String home(@QueryParam("session") String session) {
        if (identity.isAnonymous()) {
            return Pages.signedOut("expired".equals(session));
        }
        return UserEmail.of(identity).map(Pages::signedIn).orElseGet(() -> Pages.noEmail(UserEmail.NO_EMAIL_MESSAGE));
    }
}
