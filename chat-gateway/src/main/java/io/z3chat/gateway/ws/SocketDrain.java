package io.z3chat.gateway.ws;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * On SIGTERM (readiness already DOWN) every open socket is told to reconnect elsewhere: closed with
 * 1012 "service restart", which the web UI answers by reconnecting and resuming its streaming
 * replies on another replica. Replies go on in llm-proxy meanwhile, so nothing is lost.
 */
@ApplicationScoped
class SocketDrain {

    /** RFC 6455 1012: the service is restarting; the client may reconnect. */
    static final int RECONNECT = 1012;
    private static final Logger LOG = Logger.getLogger(SocketDrain.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final OpenConnections connections;

    SocketDrain(OpenConnections connections) {
        this.connections = connections;
    }

    void closeAll(@Observes ShutdownDelayInitiatedEvent event) {
        int closed = 0;
        for (WebSocketConnection connection : connections) {
            try {
                connection.close(new CloseReason(RECONNECT, "server restarting: reconnect")).await().atMost(CLOSE_WAIT);
                closed++;
            } catch (RuntimeException alreadyGone) {
                // the client left meanwhile
            }
        }
        LOG.infof("shutting down: sockets told to reconnect count=%d", closed);
    }
}
