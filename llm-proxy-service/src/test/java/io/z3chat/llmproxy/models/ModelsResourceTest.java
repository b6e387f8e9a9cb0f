package io.z3chat.llmproxy.models;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.z3chat.llmproxy.fake.Api;
import io.z3chat.llmproxy.fake.FakeOpenRouter;
import io.z3chat.llmproxy.fake.FakeServices;
import io.z3chat.llmproxy.fake.InjectFake;

@QuarkusTest
@WithTestResource(FakeServices.class)
class ModelsResourceTest {

    @InjectFake
    FakeOpenRouter openRouter;

    @Test
    void listsTheUpstreamModelsSlimmedForAPickerWithoutTheOfflineModel() {
        Api.as(Api.user()).get("/models").then().statusCode(200)
                .body("stale", is(false))
                .body("fetchedAt", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"))
                .body("models", hasSize(2))
                .body("models.id", not(hasItem("z3chat/offline")))
                .body("models[0].id", is("openai/gpt-4o-mini"))
                .body("models[0].name", is("OpenAI: GPT-4o-mini"))
                .body("models[0].description", is("Small and fast."))
                .body("models[0].contextLength", is(128000))
                .body("models[0].maxCompletionTokens", is(16384))
                .body("models[0].pricing.prompt", is("0.00000015"))
                .body("models[0].pricing.completion", is("0.0000006"))
                .body("models[0].pricing.image", nullValue())
                .body("models[0].inputModalities", contains("text", "image"))
                .body("models[0].offline", is(false))
                .body("models[0].supported_parameters", nullValue())
                .body("models[1].id", is("local/llama"))
                .body("models[1].name", is("local/llama"))
                .body("models[1].pricing", nullValue());
    }

    @Test
    void servesTheCachedListWithinItsTtlAndSendsTheKey() {
        Api.as(Api.user()).get("/models").then().statusCode(200);
        int calls = openRouter.modelListCalls();
        Api.as(Api.user()).get("/models").then().statusCode(200).body("models", hasSize(2));
        assertEquals(calls, openRouter.modelListCalls(), "no second upstream call within the TTL");
        assertEquals("Bearer test-key", openRouter.modelListAuthorizations().get(calls - 1));
    }
}
