package io.z3chat.persistence;

import io.z3chat.persistence.testing.Management;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class HealthTest {

    @Test
    void livenessIsUpAndDoesNotDependOnTheStore() {
        Management.given().when().get("/q/health/live").then().statusCode(200).body("status", is("UP"))
                .body("checks.name", everyItem(not(containsString("MongoDB"))));
    }

    @Test
    void readinessFollowsTheStore() {
        Management.given().when().get("/q/health/ready").then().statusCode(200).body("status", is("UP"))
                .body("checks.name", hasItem(containsString("MongoDB")));
    }

    @Test
    void healthAndMetricsNeedNoTokenOnTheManagementPort() {
        Management.given().get("/q/health").then().statusCode(200);
        Management.given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void healthAndMetricsAreNotServedOnThePublicPort() {
        given().get("/q/health/ready").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(404);
    }
}
