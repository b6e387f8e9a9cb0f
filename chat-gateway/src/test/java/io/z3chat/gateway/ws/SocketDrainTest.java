package io.z3chat.gateway.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.vertx.core.json.JsonObject;
import io.z3chat.gateway.support.Browser;
import io.z3chat.gateway.support.GatewayTest;
import io.z3chat.gateway.support.SocketClient;

@QuarkusTest
@GatewayTest
class SocketDrainTest {

    @OidcWireMock
    WireMockServer idp;

    @Inject
    Event<ShutdownDelayInitiatedEvent> shutdownDelay;

    @Test
    void whenShutdownBeginsEveryOpenSocketIsToldToReconnectElsewhere() {
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
    }
}
