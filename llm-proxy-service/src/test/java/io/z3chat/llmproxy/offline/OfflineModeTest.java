package io.z3chat.llmproxy.offline;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.z3chat.llmproxy.fake.Api;
import io.z3chat.llmproxy.fake.FakePersistence;
import io.z3chat.llmproxy.fake.FakeServices;
import io.z3chat.llmproxy.fake.InjectFake;
import io.z3chat.llmproxy.testing.Management;
import io.z3chat.llmproxy.fake.SseClient;
import io.z3chat.llmproxy.openrouter.ChatMessage;

/** Without an API key only the offline model is offered, and it works end to end. */
@QuarkusTest
@TestProfile(OfflineProfile.class)
@WithTestResource(FakeServices.class)
class OfflineModeTest {

    @InjectFake
    FakePersistence persistence;

    @Test
    void onlyTheOfflineModelIsListed() {
        Api.as(Api.user()).get("/models").then().statusCode(200)
                .body("models.id", contains("z3chat/offline"))
                .body("models[0].offline", is(true))
                .body("stale", is(false));
    }

    @Test
    void theOfflineModelStreamsADeterministicMarkdownReplyWithACodeBlock() {
        String prompt = "Explain the *borrow checker* in Rust, please";
        String expected = OfflineModel.reply(List.of(new ChatMessage("system", "Be brief."),
                new ChatMessage("user", prompt)));
        assertTrue(expected.contains("```python\n") && expected.contains("You wrote: *Explain the borrow checker"));
        for (int run = 0; run < 2; run++) {
            String messageId = Api.id("msg");
            try (SseClient stream = Api.start(Api.user(),
                    Api.generation(Api.id("chat"), messageId, OfflineModel.ID, prompt))) {
                List<SseClient.Event> events = stream.untilDone();
                assertTrue(events.size() > 20, "streamed token by token");
                assertEquals(expected, stream.text());
                JsonObject done = events.get(events.size() - 1).data();
                assertEquals("complete", done.getString("status"));
                assertTrue(done.getJsonObject("usage").getInteger("completionTokens") > 20);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> persistence.finishes(messageId).size() == 1);
            assertEquals(expected, persistence.finishes(messageId).get(0).content());
            assertEquals(OfflineModel.ID, persistence.finishes(messageId).get(0).body().getString("model"));
        }
    }

    @Test
    void anyOtherModelIsRefusedWithoutAKey() {
        Api.as(Api.user()).contentType("application/json")
                .body(Api.generation(Api.id("chat"), Api.id("msg"), "openai/gpt-4o-mini", "Hi").encode())
                .post("/generations").then().statusCode(400).body("error.code", is("invalid_request"));
    }

    @Test
    void titlesAreTheFirstWordsOfTheFirstMessage() {
        JsonObject body = new JsonObject().put("chatId", Api.id("chat")).put("messages", new JsonArray()
                .add(new JsonObject().put("role", "user").put("content", "  **how** does the borrow checker work in Rust?"))
                .add(new JsonObject().put("role", "assistant").put("content", "It tracks lifetimes.")));
        Api.as(Api.user()).contentType("application/json").body(body.encode()).post("/titles").then()
                .statusCode(200).body("title", is("How does the borrow checker work"));
    }

    @Test
    void readinessDoesNotDependOnTheUpstream() {
        Management.given().get("/q/health/ready").then().statusCode(200).body("status", is("UP"));
    }
}
