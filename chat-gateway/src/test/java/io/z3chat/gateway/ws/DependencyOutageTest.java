package io.z3chat.gateway.ws;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import io.vertx.core.json.JsonObject;
import io.z3chat.gateway.Ids;
import io.z3chat.gateway.support.Browser;
import io.z3chat.gateway.support.ChatStubs;
import io.z3chat.gateway.support.GatewayTest;
import io.z3chat.gateway.testing.Management;
import io.z3chat.gateway.support.SocketClient;
import io.z3chat.gateway.support.Stub;
import io.z3chat.gateway.support.Stubs;

/**
 * Readiness says whether this replica can serve; a dependency's outage shows on the features that need it. Every
 * gateway replica shares the same dependencies, so gating readiness on them would take them all out of service.
 */
@QuarkusTest
@GatewayTest
class DependencyOutageTest {

    private static final String DEPENDENCIES = "/q/health/group/dependencies";

    @OidcWireMock
    WireMockServer idp;

    @Test
    void readinessStaysUpWhileADependencyIsDownAndTheDependenciesGroupSaysWhich() {
        Management.given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
        Management.given().get(DEPENDENCIES).then().statusCode(200).body("status", is("UP"));
        for (Stub down : new Stub[] { Stubs.persistence(), Stubs.llmProxy() }) {
            down.json("GET", "/q/health/ready", 503, "{\"status\":\"DOWN\"}");
            try {
                Management.given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
                String name = down == Stubs.llmProxy() ? "llm-proxy-service" : "persistence-service";
                String other = down == Stubs.llmProxy() ? "persistence-service" : "llm-proxy-service";
                Management.given().get(DEPENDENCIES).then().statusCode(503).body("status", is("DOWN"))
                        .body("checks.find { it.name == 'downstream services' }.data.'" + name + "'", is("DOWN"))
                        .body("checks.find { it.name == 'downstream services' }.data.'" + other + "'", is("UP"));
            } finally {
                down.json("GET", "/q/health/ready", 200, "{\"status\":\"UP\"}");
            }
        }
        Management.given().get(DEPENDENCIES).then().statusCode(200);
    }

    @Test
    void whileLlmProxyIsDownSendIsRefusedRetryablyAndHistoryIsStillServed() {
        Browser browser = Browser.signIn(idp, Browser.uniqueEmail("modeloutage"));
        ChatStubs.ChatState chat = ChatStubs.newChat();
        chat.messages.add(new JsonObject().put("id", Ids.newId()).put("chatId", chat.id).put("role", "user")
                .put("content", "An earlier question").put("status", "complete"));
        chat.script = (state, request, generationId, response) -> response.setStatusCode(503)
                .putHeader("Content-Type", "application/json")
                .end("{\"error\":{\"code\":\"unavailable\",\"message\":\"down\"}}");
        Stubs.llmProxy().json("GET", "/q/health/ready", 503, "{\"status\":\"DOWN\"}");
        try {
            Management.given().get("/q/health/ready").then().statusCode(200);
            try (SocketClient socket = SocketClient.open(browser)) {
                socket.send(ChatSocketTest.send("o1", chat.id, Ids.newId(), "Still there?"));
                assertEquals("ack", socket.next().getString("type"), "the message is saved all the same");
                JsonObject error = socket.next();
                assertEquals("error", error.getString("type"));
                assertEquals("unavailable", error.getString("code"));
                assertTrue(error.getBoolean("retryable"));
            }
            browser.request().get("/api/chat/" + chat.id).then().statusCode(200)
                    .body("messages[0].content", is("An earlier question"))
                    .body("messages[1].content", is("Still there?"));
        } finally {
            Stubs.llmProxy().json("GET", "/q/health/ready", 200, "{\"status\":\"UP\"}");
        }
    }
}
