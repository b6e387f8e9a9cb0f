package io.z3chat.gateway.ws;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData;
import io.smallrye.mutiny.Uni;
import io.z3chat.gateway.auth.UserEmail;
import io.z3chat.gateway.security.PublicOrigin;

/**
 * Admits a socket only from PUBLIC_URL's origin (so a cross-site page cannot open one with the user's cookie; bearer
 * clients, which have no cookie to abuse, are exempt) and only for a user with an email, which it attaches to the
 * connection.
 */
@ApplicationScoped
public class SocketUpgradeCheck implements HttpUpgradeCheck {

    static final UserData.TypedKey<String> USER = UserData.TypedKey.forString("z3chat.user");
    /** Run once the socket is open: its upgrade request is over (see {@link UpgradeCompletion}). */
    static final UserData.TypedKey<Runnable> UPGRADE_DONE = new UserData.TypedKey<>("z3chat.upgrade-done");

    private final PublicOrigin publicOrigin;

    SocketUpgradeCheck(PublicOrigin publicOrigin) {
        this.publicOrigin = publicOrigin;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        var request = context.httpRequest();
        if (request.getHeader("Authorization") == null && !publicOrigin.matches(request.getHeader("Origin"))) {
            return CheckResult.rejectUpgrade(403);
        }
        return context.securityIdentity().map(identity -> {
            if (identity == null || identity.isAnonymous()) {
                return CheckResult.rejectUpgradeSync(401);
            }
            return UserEmail.of(identity).map(email -> {
                context.userData().put(USER, email);
                context.userData().put(UPGRADE_DONE, UpgradeCompletion.of(request));
                return CheckResult.permitUpgradeSync();
            }).orElseGet(() -> CheckResult.rejectUpgradeSync(403));
        });
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return true;
    }
}
