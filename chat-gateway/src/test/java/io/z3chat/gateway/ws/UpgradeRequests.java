package io.z3chat.gateway.ws;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.QuarkusRequestWrapper;
import io.vertx.ext.web.Router;

/**
 * Test-only: registers on every socket upgrade what Quarkus' HTTP drain registers to count it in flight, a handler run
 * when the request is over. Only where the drain is on ({@link SocketDrainTest}'s profile); elsewhere Quarkus does not
 * wrap requests and this does nothing.
 */
@ApplicationScoped
public class UpgradeRequests {

    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final Set<Integer> over = ConcurrentHashMap.newKeySet();

    void routes(@Observes Router router) {
        router.route("/ws/chat").order(SocketDrain.REFUSAL_ORDER - 1).handler(rc -> {
            int port = rc.request().remoteAddress().port();
            boolean wrapped = rc.request().getCookie(QuarkusRequestWrapper.FAKE_COOKIE_NAME) != null;
            seen.add(port + (wrapped ? "" : " (not wrapped)"));
            if (wrapped) {
                QuarkusRequestWrapper.get(rc.request()).addRequestDoneHandler(ignored -> over.add(port));
            }
            rc.next();
        });
    }

    /** The client ports of the upgrades seen (marked when Quarkus did not wrap the request). */
    Set<String> seen() {
        return seen;
    }

    /** The client ports of the upgrades whose request is over. */
    Set<Integer> over() {
        return over;
    }
}
