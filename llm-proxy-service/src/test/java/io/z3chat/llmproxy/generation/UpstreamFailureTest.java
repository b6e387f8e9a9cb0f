package io.z3chat.llmproxy.generation;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.z3chat.llmproxy.fake.Api;
import io.z3chat.llmproxy.fake.FakeOpenRouter;
import io.z3chat.llmproxy.fake.FakePersistence;
import io.z3chat.llmproxy.fake.FakeServices;
import io.z3chat.llmproxy.fake.InjectFake;
import io.z3chat.llmproxy.fake.SseClient;
import io.z3chat.llmproxy.fake.SseClient.Event;

/** What the caller and persistence-service see when the upstream fails, before or during the stream. */
@QuarkusTest
@WithTestResource(FakeServices.class)
class UpstreamFailureTest {

    @InjectFake
    FakeOpenRouter openRouter;

    @InjectFake
    FakePersistence persistence;

    @ConfigProperty(name = "fake.persistence.url")
    String fakePersistenceUrl;

    record Outcome(String model, String messageId, List<Event> events) {
        JsonObject error() {
            return events.stream().filter(e -> e.type().equals("error")).findFirst().orElseThrow().data();
        }

        JsonObject done() {
            return events.get(events.size() - 1).data();
        }
    }

    private Outcome run(String scenario) {
        String messageId = Api.id("msg");
        String model = scenario + "#" + messageId;
        JsonObject body = Api.generation(Api.id("chat"), messageId, model, "Hi")
                .put("callbackUrl", fakePersistenceUrl + FakePersistence.CALLBACK_PATH);
        try (SseClient stream = Api.start(Api.user(), body)) {
            return new Outcome(model, messageId, stream.untilDone());
        }
    }

    private void assertEndsInError(Outcome outcome, String code, boolean retryable, String keptText) {
        List<String> types = outcome.events().stream().map(Event::type).toList();
        assertEquals("error", types.get(types.size() - 2), "error right before done: " + types);
        assertEquals(code, outcome.error().getString("code"));
        assertEquals(retryable, outcome.error().getBoolean("retryable"));
        assertEquals("error", outcome.done().getString("status"));
        assertEquals(code, outcome.done().getJsonObject("error").getString("code"));
        assertEquals(keptText, Replies.joined(outcome.events()));
        await().atMost(Duration.ofSeconds(10)).until(() -> persistence.finishes(outcome.messageId()).size() == 1);
        FakePersistence.Patch saved = persistence.finishes(outcome.messageId()).get(0);
        assertEquals("error", saved.status());
        assertEquals(keptText, saved.content());
        assertEquals(code, saved.body().getJsonObject("error").getString("code"));
        await().atMost(Duration.ofSeconds(10)).until(() -> persistence.callbacks(outcome.messageId()).size() == 1);
        JsonObject callback = persistence.callbacks(outcome.messageId()).get(0).body();
        assertEquals("error", callback.getString("status"));
        assertEquals(code, callback.getJsonObject("error").getString("code"));
    }

    @Test
    void aRejectedKeyIsAnErrorThatIsNotRetried() {
        Outcome outcome = run("fake/status-401");
        assertEndsInError(outcome, "upstream_unauthorized", false, "");
        assertEquals("User not found.", outcome.error().getString("message"));
        assertEquals(1, openRouter.requests(outcome.model()).size());
    }

    @Test
    void runningOutOfCreditsIsAnErrorThatIsNotRetried() {
        Outcome outcome = run("fake/status-402");
        assertEndsInError(outcome, "insufficient_credits", false, "");
        assertEquals(1, openRouter.requests(outcome.model()).size());
    }

    @Test
    void aRateLimitIsWaitedOutAsRetryAfterSaysBeforeTheFirstToken() {
        Outcome outcome = run("fake/429-then-hello");
        assertEquals("complete", outcome.done().getString("status"));
        assertEquals("Hello after waiting", Replies.joined(outcome.events()));
        List<FakeOpenRouter.Received> requests = openRouter.requests(outcome.model());
        assertEquals(2, requests.size());
        long waitedMs = (requests.get(1).atNanos() - requests.get(0).atNanos()) / 1_000_000;
        assertTrue(waitedMs >= 1000, "Retry-After: 1 was honoured, waited " + waitedMs + " ms");
    }

    @Test
    void aRateLimitLongerThanWeWaitGoesBackToTheCallerAsRetryable() {
        Outcome outcome = run("fake/status-429-long");
        assertEndsInError(outcome, "rate_limited", true, "");
        assertEquals(1, openRouter.requests(outcome.model()).size());
    }

    @Test
    void aBadGatewayIsRetriedABoundedNumberOfTimes() {
        Outcome outcome = run("fake/status-502");
        assertEndsInError(outcome, "model_unavailable", true, "");
        List<FakeOpenRouter.Received> requests = openRouter.requests(outcome.model());
        assertEquals(3, requests.size(), "max-attempts is 3");
        // %test backoff: 50 ms after the first failure, doubled after the second
        long firstWaitMs = (requests.get(1).atNanos() - requests.get(0).atNanos()) / 1_000_000;
        long secondWaitMs = (requests.get(2).atNanos() - requests.get(1).atNanos()) / 1_000_000;
        assertTrue(firstWaitMs >= 50 && secondWaitMs >= 100, "backed off " + firstWaitMs + " then " + secondWaitMs + " ms");
    }

    @Test
    void anErrorEventMidStreamEndsTheGenerationKeepingTheTextAndIsNotRetried() {
        Outcome outcome = run("fake/mid-error");
        assertEndsInError(outcome, "model_unavailable", true, "Partial answer");
        assertEquals("Provider returned error", outcome.error().getString("message"));
        assertEquals(1, openRouter.requests(outcome.model()).size());
    }

    @Test
    void aConnectionCutBeforeDoneIsAFailureNotASuccess() {
        Outcome outcome = run("fake/cut");
        assertEndsInError(outcome, "stream_interrupted", true, "Half a sentence");
        assertEquals(1, openRouter.requests(outcome.model()).size());
    }

    @Test
    void aStreamThatEndsCleanlyWithoutDoneOrAFinishReasonIsAFailureToo() {
        Outcome outcome = run("fake/ends-early");
        assertEndsInError(outcome, "stream_interrupted", true, "Cut short");
        assertEquals(1, openRouter.requests(outcome.model()).size(), "not retried after the first token");
    }
}
