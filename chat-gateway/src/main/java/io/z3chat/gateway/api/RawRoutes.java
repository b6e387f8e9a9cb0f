package io.z3chat.gateway.api;

import org.jboss.logging.Logger;

import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;
import io.z3chat.gateway.auth.UserEmail;
import io.z3chat.gateway.error.ErrorResponses;
import io.z3chat.gateway.error.GatewayException;

/**
 * What the plain Vert.x routes ({@link TransferRoutes}, {@link SseSendRoute}) share: where they sit among Quarkus'
 * handlers, the signed-in user, and the contract's JSON error for whatever they throw.
 */
final class RawRoutes {

    private static final Logger LOG = Logger.getLogger(RawRoutes.class);
    /** After authentication (-200) and authorization (-100); before the global body-size limit (-2). */
    static final int ORDER = -10;

    private RawRoutes() {
    }

    static String user(RoutingContext rc) {
        if (rc.user() instanceof QuarkusHttpUser user) {
            return UserEmail.require(user.getSecurityIdentity());
        }
        throw GatewayException.unauthorized("Sign in first");
    }

    static void guarded(RoutingContext rc, Runnable action) {
        try {
            action.run();
        } catch (GatewayException e) {
            ErrorResponses.send(rc, e);
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure on a streaming route", e);
            ErrorResponses.send(rc, new GatewayException(500, "internal", "Internal error", false, 0));
        }
    }

    static GatewayException asGateway(Throwable failure) {
        return failure instanceof GatewayException e ? e : GatewayException.unavailable("A service is unavailable");
    }
}
