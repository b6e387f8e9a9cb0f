package io.z3chat.llmproxy.generation;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.z3chat.llmproxy.fake.Api;
import io.z3chat.llmproxy.fake.FakeOpenRouter;
import io.z3chat.llmproxy.fake.FakePersistence;
import io.z3chat.llmproxy.fake.FakeServices;
import io.z3chat.llmproxy.fake.InjectFake;
import io.z3chat.llmproxy.fake.SseClient;
import io.z3chat.llmproxy.testing.TestTokens;

/**
 * A replica told to stop (what Quarkus fires on SIGTERM once readiness is DOWN) refuses new generations with a
 * retryable 503 while the one in flight streams on, is followed, ends and is saved, and only then lets the shutdown
 * go on. Its own Quarkus boot: a drained replica stays closed to new generations.
 */
@QuarkusTest
@TestProfile(DrainTest.LongDrain.class)
@WithTestResource(FakeServices.class)
class DrainTest {

    public static class LongDrain implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("z3chat.shutdown.drain-timeout", "60s");
        }
    }

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @InjectFake
    FakeOpenRouter openRouter;

    @InjectFake
    FakePersistence persistence;

    @Inject
    Event<ShutdownDelayInitiatedEvent> shutdownDelay;

    @Inject
    GenerationRegistry registry;

    @Test
    void whileDrainingNewGenerationsAreRefusedRetryablyAndTheOneInFlightEndsSavedBeforeTheDrainLetsGo()
            throws Exception {
        String user = Api.user();
        String messageId = Api.id("msg");
        String model = "fake/gated#" + messageId;
        CompletableFuture<Void> drain;
        try (SseClient inFlight = Api.start(user, Api.generation(Api.id("chat"), messageId, model,
                "Begun before the stop,| finished during the drain."))) {
            String generationId = inFlight.until(e -> e.type().equals("start")).get(0).data().getString("generationId");
            assertEquals("Begun before the stop,", inFlight.textUntilLength("Begun before the stop,".length()));

            drain = CompletableFuture.runAsync(
                    () -> shutdownDelay.fire(new ShutdownDelayInitiatedEvent()));
            await().atMost(DEADLINE).until(registry::closedToNew);

            try (SseClient refused = Api.start(user, Api.generation(Api.id("chat"), Api.id("msg"), "fake/hello",
                    "Too late"))) {
                assertEquals(503, refused.status());
                assertEquals("unavailable", refused.errorBody().getJsonObject("error").getString("code"));
            }
            // what it owns is still served: a client that reconnected follows the reply in flight
            try (SseClient follower = SseClient.get(Api.uri("/generations/" + generationId + "/events?from=0"),
                    TestTokens.gateway(user))) {
                assertEquals(200, follower.status());
                assertEquals("Begun before the stop,", follower.textUntilLength("Begun before the stop,".length()));
            }
            assertFalse(drain.isDone(), "the drain holds the shutdown while a generation runs");

            openRouter.open(model);
            inFlight.untilDone();
            assertEquals("Begun before the stop, finished during the drain.", inFlight.text());
        }
        await().atMost(DEADLINE).until(() -> persistence.finishes(messageId).size() == 1);
        assertEquals("complete", persistence.finishes(messageId).get(0).status());
        assertEquals("Begun before the stop, finished during the drain.", persistence.finishes(messageId).get(0).content());
        // the drain lets the shutdown go on once nothing runs and every final reply is saved
        drain.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertEquals(0, registry.activeCount());
        assertTrue(registry.closedToNew());
    }
}
