package io.z3chat.llmproxy.contract;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.z3chat.llmproxy.fake.FakeServices;
import io.z3chat.llmproxy.testing.Management;
import io.z3chat.llmproxy.testing.OpenApiDocument;

/** The committed OpenAPI document is the one the code generates, and it is served on the management port only. */
@QuarkusTest
@WithTestResource(FakeServices.class)
class OpenApiDocumentTest {

    @Test
    void committedDocumentIsWhatTheCodeGenerates() {
        OpenApiDocument.assertCommitted(generated());
    }

    @Test
    void aDocumentThatDriftedFailsWithADiffAndTheRefreshCommand(@TempDir Path dir) throws IOException {
        Path committed = dir.resolve("openapi.yaml");
        String generated = generated();
        Files.writeString(committed, generated.replace("fallbackModels", "fallbackModel"));

        AssertionError drift = assertThrows(AssertionError.class,
                () -> OpenApiDocument.assertSame(committed, generated));

        assertThat(drift.getMessage(), containsString("-        fallbackModel:"));
        assertThat(drift.getMessage(), containsString("+        fallbackModels:"));
        assertThat(drift.getMessage(), containsString(OpenApiDocument.REFRESH_COMMAND));
    }

    @Test
    void documentIsNotServedOnThePublicPort() {
        given().get("/q/openapi").then().statusCode(404);
        given().get("/q/swagger-ui").then().statusCode(404);
    }

    private static String generated() {
        return Management.given().accept("application/yaml").get("/q/openapi").then().statusCode(200)
                .extract().asString();
    }
}
