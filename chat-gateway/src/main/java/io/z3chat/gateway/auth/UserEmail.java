package io.z3chat.gateway.auth;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import io.z3chat.gateway.error.GatewayException;

/**
 * The owner of everything is the signed-in identity's lower-cased {@code email} claim (ID token for browser sessions,
 * access token for bearer clients). Nothing in a request body or query can name the user.
 */
public final class UserEmail {

    public static final String NO_EMAIL_MESSAGE = "Your identity provider did not share an email address; "
            + "z3chat needs one to keep your chats";
    private static final Pattern SHAPE = Pattern.compile("^[^\\s@\\p{Cntrl}]+@[^\\s@\\p{Cntrl}]+$");

    private UserEmail() {
    }

    public static Optional<String> of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Optional.empty();
        }
        Object verified = token.getClaim("email_verified");
        if (Boolean.FALSE.equals(verified) || "false".equals(String.valueOf(verified))) {
            return Optional.empty();
        }
        Object email = token.getClaim("email");
        String text = email == null ? null : String.valueOf(email).trim();
        if (email instanceof jakarta.json.JsonString json) {
            text = json.getString().trim();
        }
        if (text == null || text.length() > 254 || !SHAPE.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(text.toLowerCase(Locale.ROOT));
    }

    /** The signed-in user's email; 401 when not signed in, 403 when the identity has no usable email. */
    public static String require(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            throw GatewayException.unauthorized("Sign in first");
        }
        return of(identity).orElseThrow(() -> GatewayException.forbidden(NO_EMAIL_MESSAGE));
    }
}
