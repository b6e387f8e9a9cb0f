package io.z3chat.persistence.auth;

import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The user a verified internal token acts for: its {@code sub}, never anything from the request. */
@RequestScoped
public class ActingUser {

    private final JsonWebToken jwt;

    ActingUser(JsonWebToken jwt) {
        this.jwt = jwt;
    }

    public String email() {
        var sub = jwt.getSubject();
        if (sub == null || sub.isBlank()) {
            throw new UnauthorizedException();
        }
        return sub;
    }

    /** The calling service; issue 3's public share read accepts chat-gateway only. */
    public String caller() {
        return jwt.getIssuer();
    }
}
