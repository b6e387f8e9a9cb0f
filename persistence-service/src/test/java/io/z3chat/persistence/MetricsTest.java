package io.z3chat.persistence;

import io.z3chat.persistence.testing.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.z3chat.persistence.sweeper.MessageSweeper;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.z3chat.persistence.support.Api.as;
import static io.z3chat.persistence.support.Api.newId;
import static io.z3chat.persistence.support.Api.newUser;
import static io.z3chat.persistence.support.Api.putMessage;
import static org.hamcrest.Matchers.containsString;

/** The service's own counters are scraped by Prometheus next to the built-in HTTP timers. */
@QuarkusTest
class MetricsTest {

    @Inject
    MessageSweeper sweeper;

    @Test
    void prometheusExposesTheServiceCounters() {
        var user = newUser();
        var chatId = newId();
        putMessage(user, chatId, newId(), "user", "count me");
        as(user).body(Map.of("content", "a", "status", "streaming")).patch("/chats/{c}/messages/{m}", chatId, newId())
                .then().statusCode(201);
        given().get("/chats").then().statusCode(401);
        sweeper.sweep();
        Management.given().get("/q/metrics").then().statusCode(200)
                .body(containsString("z3chat_messages_stored_total{"))
                .body(containsString("z3chat_messages_checkpoints_total{outcome=\"applied\""))
                .body(containsString("z3chat_sweeper_sweeps_total"))
                .body(containsString("z3chat_sweeper_interrupted_total"))
                .body(containsString("z3chat_auth_rejected_total{"))
                .body(containsString("http_server_requests_seconds_count{"))
                .body(containsString("http_server_requests_seconds_bucket{"))
                .body(containsString("mongodb_driver_pool_size{"));
    }
}
