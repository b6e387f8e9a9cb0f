package io.z3chat.llmproxy.contract;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.z3chat.llmproxy.fake.Api;
import io.z3chat.llmproxy.fake.FakePersistence;
import io.z3chat.llmproxy.fake.FakeServices;
import io.z3chat.llmproxy.fake.InjectFake;
import io.z3chat.llmproxy.fake.SseClient;
import io.z3chat.llmproxy.testing.Contract;
import io.z3chat.llmproxy.testing.Contract.Exchange;

/**
 * What llm-proxy sends to persistence-service and to the gateway's callback, and what the fakes of those answer, keep
 * to the two services' committed OpenAPI documents; and a renamed field on either side is caught.
 */
@QuarkusTest
@WithTestResource(FakeServices.class)
class FakesKeepToTheContractsTest {

    private static final String JSON = "application/json";

    @InjectFake
    FakePersistence persistence;

    @ConfigProperty(name = "fake.persistence.url")
    String fakePersistenceUrl;

    @Test
    void aReplysCheckpointsFinalWriteAndCallbackKeepToTheContracts() {
        String messageId = Api.id("msg");
        JsonObject body = Api.generation(Api.id("chat"), messageId, "fake/hello#" + messageId, "Hi")
                .put("callbackUrl", fakePersistenceUrl + FakePersistence.CALLBACK_PATH);
        try (SseClient stream = Api.start(Api.user(), body)) {
            stream.untilDone();
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> persistence.callbacks(messageId).size() == 1);
        assertFalse(persistence.patches(messageId).isEmpty());
        assertEquals(List.of(), persistence.takeViolations());
    }

    @Test
    void aPatchWithARenamedFieldBreaksPersistencesContract() {
        List<String> found = Contract.persistence().check(patch("{\"contents\":\"Hello\",\"status\":\"complete\"}",
                200, "{\"id\":\"msg_12345678\",\"chatId\":\"chat_12345678\",\"content\":\"Hello\"}"));
        assertTrue(found.stream().anyMatch(v -> v.contains("contents")), found.toString());
    }

    @Test
    void anAnswerWithARenamedFieldBreaksPersistencesContract() {
        List<String> found = Contract.persistence().check(patch("{\"content\":\"Hello\",\"status\":\"complete\"}",
                200, "{\"id\":\"msg_12345678\",\"chatId\":\"chat_12345678\",\"contents\":\"Hello\"}"));
        assertTrue(found.stream().anyMatch(v -> v.contains("contents")), found.toString());
    }

    @Test
    void aWellFormedPatchAndAnswerKeepToPersistencesContract() {
        assertEquals(List.of(), Contract.persistence().check(patch("{\"content\":\"Hello\",\"status\":\"complete\"}",
                200, "{\"id\":\"msg_12345678\",\"chatId\":\"chat_12345678\",\"content\":\"Hello\"}")));
    }

    @Test
    void aCallbackWithoutTheChatIdBreaksTheGatewaysContract() {
        List<String> found = Contract.gateway().check(new Exchange("POST", FakePersistence.CALLBACK_PATH, null,
                Map.of("Content-Type", JSON, "Authorization", "Bearer x"),
                "{\"generationId\":\"gen_12345678\",\"chat_id\":\"chat_12345678\",\"status\":\"complete\"}", 204, null,
                null));
        assertTrue(found.stream().anyMatch(v -> v.contains("chatId")), found.toString());
    }

    private static Exchange patch(String body, int status, String answer) {
        return new Exchange("PATCH", "/chats/chat_12345678/messages/msg_12345678", null,
                Map.of("Content-Type", JSON, "Authorization", "Bearer x"), body, status, JSON, answer);
    }
}
