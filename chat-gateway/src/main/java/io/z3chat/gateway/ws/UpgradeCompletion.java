package io.z3chat.gateway.ws;

import java.lang.reflect.Method;

import org.jboss.logging.Logger;

import io.quarkus.vertx.http.runtime.filters.QuarkusRequestWrapper;
import io.vertx.core.http.HttpServerRequest;

/**
 * Tells Quarkus' HTTP drain that a socket's upgrade request is over once the socket is open. Quarkus' graceful
 * shutdown (QUARKUS_SHUTDOWN_TIMEOUT) counts a request in flight until its response ends, closes or fails, and
 * an upgrade's response does none of these: Vert.x writes the 101 through the WebSocket handshake
 * ({@code Http1xServerResponse.completeHandshake}), which marks the exchange complete without ending the response.
 * So every socket ever opened stayed "in flight" and a stopping gateway waited out the whole timeout ("Timed out
 * waiting for graceful shutdown"), long after its sockets were closed. The socket has its own drain
 * ({@link SocketDrain}); its HTTP exchange ends with the 101. Quarkus offers no public call for this, so the
 * request's own completion ({@code QuarkusRequestWrapper.done()}, idempotent) is invoked reflectively;
 * {@code SocketDrainTest} fails if a Quarkus upgrade takes it away.
 */
final class UpgradeCompletion {

    private static final Logger LOG = Logger.getLogger(UpgradeCompletion.class);
    private static final Method DONE = lookUpDone();
    private static final Runnable NOTHING = () -> {
    };

    private UpgradeCompletion() {
    }

    /** Whether this Quarkus lets the completion be marked (else a stopping gateway waits out the HTTP drain). */
    static boolean available() {
        return DONE != null;
    }

    /** What marks {@code request}'s exchange complete; run it once the socket is open. */
    static Runnable of(HttpServerRequest request) {
        // Quarkus wraps requests only where something counts them (the HTTP drain, the access log)
        if (DONE == null || request.getCookie(QuarkusRequestWrapper.FAKE_COOKIE_NAME) == null) {
            return NOTHING;
        }
        QuarkusRequestWrapper wrapper = QuarkusRequestWrapper.get(request);
        return () -> {
            try {
                DONE.invoke(wrapper);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.warnf("Could not mark a socket's upgrade request complete: %s", e.toString());
            }
        };
    }

    private static Method lookUpDone() {
        try {
            Method done = QuarkusRequestWrapper.class.getDeclaredMethod("done");
            done.setAccessible(true);
            return done;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("Quarkus' request wrapper has no done(): a stopping gateway waits out QUARKUS_SHUTDOWN_TIMEOUT "
                    + "for the upgrades of its sockets (%s)", e.toString());
            return null;
        }
    }
}
