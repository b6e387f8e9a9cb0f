package io.z3chat.persistence;

import io.z3chat.persistence.testing.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.z3chat.persistence.testing.TestKeys;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static io.z3chat.persistence.support.Api.as;
import static io.z3chat.persistence.support.Api.newUser;
import static org.hamcrest.Matchers.is;

/** With no store to reach the service still starts: alive, not ready, and every call a 503. */
@QuarkusTest
@TestProfile(StoreDownTest.NoStore.class)
class StoreDownTest {

    public static class NoStore implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.mongodb.connection-string", "mongodb://127.0.0.1:1",
                    "quarkus.mongodb.server-selection-timeout", "1s",
                    "INTERNAL_JWT_PUBLIC_KEY", TestKeys.pem("jwt/test-public-key.pem"));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Test
    void livenessStaysUpWhileReadinessAndRequestsReportTheStoreDown() {
        Management.given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
        Management.given().get("/q/health/ready").then().statusCode(503).body("status", is("DOWN"));
        as(newUser()).get("/chats").then().statusCode(503).contentType(ContentType.JSON)
                .body("error.code", is("unavailable"));
    }
}
