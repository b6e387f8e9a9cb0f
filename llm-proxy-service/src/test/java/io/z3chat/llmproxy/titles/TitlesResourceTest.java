package io.z3chat.llmproxy.titles;

import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.z3chat.llmproxy.fake.Api;
import io.z3chat.llmproxy.fake.FakeOpenRouter;
import io.z3chat.llmproxy.fake.FakeServices;
import io.z3chat.llmproxy.fake.InjectFake;

@QuarkusTest
@WithTestResource(FakeServices.class)
class TitlesResourceTest {

    @InjectFake
    FakeOpenRouter openRouter;

    private static JsonObject request(String model) {
        JsonObject body = new JsonObject().put("chatId", Api.id("chat")).put("messages", new JsonArray()
                .add(new JsonObject().put("role", "user").put("content", "How does the borrow checker work?"))
                .add(new JsonObject().put("role", "assistant").put("content", "It tracks lifetimes...")));
        return model == null ? body : body.put("model", model);
    }

    @Test
    void theSmallModelsAnswerIsPassedOnAsItWroteIt() {
        int before = openRouter.requests("fake/title").size();
        // persistence-service cleans titles (ChatTitles.fromModel) when the gateway stores them
        Api.as(Api.user()).contentType("application/json").body(request(null).encode()).post("/titles")
                .then().statusCode(200).body("title", is("\"Rust borrow checker basics.\"\n"));
        JsonObject sent = openRouter.requests("fake/title").get(before).body();
        assertEquals(24, sent.getInteger("max_tokens"));
        String transcript = sent.getJsonArray("messages").getJsonObject(1).getString("content");
        assertEquals("User: How does the borrow checker work?\n\nAssistant: It tracks lifetimes...", transcript);
    }

    @Test
    void aTitleModelThatTakesTooLongIsGivenUpOnWith504() {
        Api.as(Api.user()).contentType("application/json").body(request("fake/slow").encode()).post("/titles")
                .then().statusCode(504).body("error.code", is("timeout"));
    }

    @Test
    void aFailingTitleModelIs503() {
        Api.as(Api.user()).contentType("application/json").body(request("fake/status-402").encode())
                .post("/titles").then().statusCode(503).body("error.code", is("unavailable"));
    }

    @Test
    void aRequestWithoutMessagesIsRefused() {
        Api.as(Api.user()).contentType("application/json")
                .body(new JsonObject().put("chatId", Api.id("chat")).put("messages", new JsonArray()).encode())
                .post("/titles").then().statusCode(400).body("error.code", is("invalid_request"));
    }
}
