package io.z3chat.llmproxy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.z3chat.llmproxy.fake.FakeOpenRouter;
import io.z3chat.llmproxy.fake.FakePersistence;
import io.z3chat.llmproxy.fake.FakeServices;
import io.z3chat.llmproxy.fake.InjectFake;
import io.z3chat.llmproxy.testing.Management;

@QuarkusTest
@WithTestResource(FakeServices.class)
class HealthTest {

    @InjectFake
    FakeOpenRouter openRouter;

    @InjectFake
    FakePersistence persistence;

    @Test
    void livenessAndReadinessAreUpWithoutAToken() {
        Management.given().when().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
        Management.given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
    }

    @Test
    void readinessDoesNotDependOnTheUpstream() {
        openRouter.down(true);
        try {
            Management.given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
        } finally {
            openRouter.down(false);
        }
    }

    @Test
    void readinessDoesNotDependOnPersistence() {
        persistence.down(true);
        try {
            Management.given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
        } finally {
            persistence.down(false);
        }
    }

    @Test
    void metricsAreExposedForPrometheus() {
        Management.given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("z3chat_generations_active"))
                .body(containsString("z3chat_tokens_streamed_total"))
                .body(containsString("z3chat_replies_dropped_total{"));
    }

    @Test
    void healthAndMetricsAreNotServedOnThePublicPort() {
        given().when().get("/q/health/ready").then().statusCode(404);
        given().when().get("/q/metrics").then().statusCode(404);
    }
}
