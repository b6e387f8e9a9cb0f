package io.z3chat.gateway.downstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.http.HttpMethod;
import io.z3chat.gateway.support.GatewayTest;
import io.z3chat.gateway.support.Stubs;

@QuarkusTest
@GatewayTest
class DownstreamClientTest {

    @Inject
    DownstreamClient client;

    /** Calls made off the event loop (blocking resources, the callback) must still read every body whole. */
    @Test
    void callsFromOtherThreadsReadTheWholeBody() {
        String body = "{\"chats\":[],\"total\":0,\"padding\":\"" + "p".repeat(2000) + "\"}";
        Stubs.persistence().json("GET", "/chats/threading-check", 200, body);
        for (int i = 0; i < 300; i++) {
            DownstreamResponse response = client.exchange(DownstreamCall.of(Target.PERSISTENCE, HttpMethod.GET,
                    "/chats/threading-check", "threads@example.com")).await().indefinitely();
            assertEquals(body, response.body().toString(), "call " + i);
        }
    }
}
