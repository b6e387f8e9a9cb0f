package io.z3chat.gateway.ws;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.json.JsonObject;
import io.z3chat.gateway.support.Browser;
import io.z3chat.gateway.support.GatewayTest;
import io.z3chat.gateway.support.SocketClient;

/**
 * A replica as the deployments run it (Quarkus' HTTP drain on: QUARKUS_SHUTDOWN_TIMEOUT) whose shutdown begins. It
 * takes no socket once that has begun, so it runs on a Quarkus of its own, and the shutdown comes last.
 */
@QuarkusTest
@GatewayTest
@TestProfile(SocketDrainTest.DrainingReplica.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SocketDrainTest {

    public static class DrainingReplica implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.shutdown.timeout", "30s");
        }
    }

    @OidcWireMock
    WireMockServer idp;

    @Inject
    Event<ShutdownDelayInitiatedEvent> shutdownDelay;

    @Inject
    UpgradeRequests upgrades;

    /** Else the drain would wait for every socket ever opened (see {@link UpgradeCompletion}). */
    @Test
    @Order(1)
    void aSocketsUpgradeRequestIsOverForTheHttpDrainOnceTheSocketIsOpenWhileTheSocketGoesOn() {
        assertTrue(UpgradeCompletion.available(), "this Quarkus lets the upgrade's completion be marked");
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("upgraded"));
        try (SocketClient socket = SocketClient.open(browser)) {
            await().untilAsserted(() -> assertTrue(upgrades.over().contains(socket.localPort()),
                    "client port " + socket.localPort() + ", upgrades " + upgrades.seen() + ", over " + upgrades.over()));
            // the socket goes on: the server answers on it (a frame it cannot read)
            socket.send(new JsonObject().put("type", "no-such-frame"));
            assertEquals("error", socket.next().getString("type"));
        }
    }

    @Test
    @Order(2)
    void whenShutdownBeginsEveryOpenSocketIsToldToReconnectElsewhereAndANewOneIsRefusedWithTheReason() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("drained"));
        try (SocketClient first = SocketClient.open(browser); SocketClient second = SocketClient.open(browser)) {
            // the server has taken both sockets in once it answers on each (a frame it cannot read)
            for (SocketClient socket : new SocketClient[] {first, second}) {
                socket.send(new JsonObject().put("type", "no-such-frame"));
                assertEquals("error", socket.next().getString("type"));
            }
            // what Quarkus fires on SIGTERM once readiness reports DOWN (quarkus.shutdown.delay-enabled)
            shutdownDelay.fire(new ShutdownDelayInitiatedEvent());
            assertEquals(SocketDrain.RECONNECT, first.awaitClose());
            assertEquals(SocketDrain.RECONNECT, second.awaitClose());
        }

        // the client reconnects, and this replica sends it on: 503 with the contract's error, before any sign-in work
        UpgradeRejectedException refused = SocketClient.refusal(browser.cookieHeader(), Browser.ORIGIN, null);
        assertNotNull(refused, "a stopping replica took a new socket");
        assertEquals(503, refused.getStatus());
        assertEquals("application/json", refused.getHeaders().get("Content-Type"));
        JsonObject error = refused.getBody().toJsonObject().getJsonObject("error");
        assertEquals("unavailable", error.getString("code"));
        assertEquals(SocketDrain.REFUSAL, error.getString("message"));
        UpgradeRejectedException anonymous = SocketClient.refusal(null, Browser.ORIGIN, null);
        assertNotNull(anonymous, "a stopping replica took a new socket");
        assertEquals(503, anonymous.getStatus(), "refused before authentication");
    }
}
