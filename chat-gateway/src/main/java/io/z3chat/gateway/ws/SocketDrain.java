package io.z3chat.gateway.ws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OpenConnections;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.z3chat.gateway.error.ErrorResponses;
import io.z3chat.gateway.error.GatewayException;

/**
 * On SIGTERM (readiness already DOWN) the replica stops taking sockets and tells every open one to reconnect
 * elsewhere: a new upgrade gets {@code 503 unavailable}, every open socket is closed with 1012 "service restart",
 * which the web UI answers by reconnecting (through the Service, to another replica) and resuming its streaming
 * replies there. Replies go on in llm-proxy meanwhile, so nothing is lost. Nothing of a socket is then left for
 * Quarkus' HTTP drain to wait for (see {@link UpgradeCompletion}).
 */
@ApplicationScoped
public class SocketDrain {

    /** RFC 6455 1012: the service is restarting; the client may reconnect. */
    static final int RECONNECT = 1012;
    static final CloseReason RECONNECT_ELSEWHERE = new CloseReason(RECONNECT, "server restarting: reconnect");
    static final String REFUSAL = "This server is shutting down: reconnect to reach another one";
    /** Before authentication (-200): a stopping replica does no sign-in work for a socket it refuses anyway. */
    static final int REFUSAL_ORDER = -300;
    private static final Logger LOG = Logger.getLogger(SocketDrain.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final OpenConnections connections;
    private volatile boolean draining;

    SocketDrain(OpenConnections connections) {
        this.connections = connections;
    }

    void routes(@Observes Router router) {
        router.route("/ws/*").order(REFUSAL_ORDER).handler(this::refuseWhileDraining);
    }

    /** True once shutdown has begun: no new socket is taken. */
    boolean draining() {
        return draining;
    }

    void closeAll(@Observes ShutdownDelayInitiatedEvent event) {
        draining = true;
        List<Uni<Boolean>> closing = new ArrayList<>();
        for (WebSocketConnection connection : connections) {
            closing.add(connection.close(RECONNECT_ELSEWHERE).map(closed -> true)
                    // the client left meanwhile
                    .onFailure().recoverWithItem(false));
        }
        long closed = 0;
        if (!closing.isEmpty()) {
            try {
                closed = Uni.join().all(closing).andFailFast().await().atMost(CLOSE_WAIT).stream()
                        .filter(Boolean::booleanValue).count();
            } catch (RuntimeException slow) {
                LOG.warnf("shutting down: not every socket closed within %s s", CLOSE_WAIT.toSeconds());
            }
        }
        LOG.infof("shutting down: new sockets refused, open sockets told to reconnect count=%d", closed);
    }

    /** A socket opened just as shutdown began (its upgrade had passed the refusal): told to reconnect at once. */
    void reconnectIfDraining(WebSocketConnection connection) {
        if (draining) {
            connection.close(RECONNECT_ELSEWHERE).subscribe().with(ignored -> {
            }, ignored -> {
            });
        }
    }

    private void refuseWhileDraining(RoutingContext rc) {
        if (!draining) {
            rc.next();
            return;
        }
        ErrorResponses.send(rc, GatewayException.unavailable(REFUSAL));
    }
}
