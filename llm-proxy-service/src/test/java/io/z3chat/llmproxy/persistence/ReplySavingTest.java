package io.z3chat.llmproxy.persistence;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.z3chat.llmproxy.fake.Api;
import io.z3chat.llmproxy.fake.FakeOpenRouter;
import io.z3chat.llmproxy.fake.FakePersistence;
import io.z3chat.llmproxy.fake.FakeServices;
import io.z3chat.llmproxy.fake.InjectFake;
import io.z3chat.llmproxy.testing.Metrics;
import io.z3chat.llmproxy.fake.SseClient;
import io.z3chat.llmproxy.fake.SseClient.Event;

/**
 * The order of a reply's writes under a slow or refusing persistence-service: the stream never waits for a
 * checkpoint, checkpoints coalesce instead of queueing, and the final reply is retried until it lands.
 */
@QuarkusTest
@WithTestResource(FakeServices.class)
class ReplySavingTest {

    private static final Duration DEADLINE = Duration.ofSeconds(15);

    @InjectFake
    FakeOpenRouter openRouter;

    @InjectFake
    FakePersistence persistence;

    @Test
    void theStreamDoesNotWaitForTheInitialCheckpointAndItsLateArrivalLeavesTheFinalReply() {
        String messageId = Api.id("msg");
        persistence.holdCheckpoints(messageId);
        try (SseClient stream = Api.startScenario("fake/hello", messageId)) {
            List<Event> events = stream.untilDone();
            assertEquals("start", events.get(0).type());
            assertEquals("Hello world", stream.text());
            // the whole reply streamed while the initial checkpoint was still unanswered, and not given up on
            assertEquals(1, persistence.heldCheckpoints(messageId));
            assertTrue(Metrics.value("z3chat_checkpoint_in_flight") >= 1, "the initial checkpoint is in flight");
        }
        await().atMost(DEADLINE).until(() -> persistence.finishes(messageId).size() == 1);
        assertTrue(persistence.patches(messageId).stream().noneMatch(p -> p.status().equals("streaming")),
                "the final reply landed before the initial checkpoint was answered");
        persistence.release(messageId);
        await().atMost(DEADLINE).until(() -> persistence.patches(messageId).stream()
                .anyMatch(p -> p.status().equals("streaming")));
        FakePersistence.Patch late = persistence.patches(messageId).stream()
                .filter(p -> p.status().equals("streaming")).findFirst().orElseThrow();
        assertFalse(late.applied(), "a checkpoint after the final reply changes nothing");
        assertEquals("Hello world", persistence.finishes(messageId).get(0).content());
    }

    @Test
    void atMostOneCheckpointPerGenerationIsInFlightAndTheNextCarriesTheLatestText() {
        String messageId = Api.id("msg");
        persistence.holdCheckpoints(messageId);
        double supersededBefore = Metrics.value("z3chat_checkpoint_writes_total", "outcome=\"superseded\"");
        String partA = "word ".repeat(300);
        JsonObject body = Api.generation(Api.id("chat"), messageId, "fake/gated#" + messageId, partA + "|the end.");
        try (SseClient stream = Api.start(Api.user(), body)) {
            stream.textUntilLength(partA.length());
            // several ticks found the text grown while the initial checkpoint was under way: none were sent
            await().atMost(DEADLINE).until(() -> Metrics.value("z3chat_checkpoint_writes_total",
                    "outcome=\"superseded\"") >= supersededBefore + 3);
            assertEquals(1, persistence.heldCheckpoints(messageId), "one checkpoint in flight, not one per tick");
            persistence.release(messageId);
            await().atMost(DEADLINE).until(() -> persistence.patches(messageId).stream()
                    .anyMatch(p -> p.status().equals("streaming") && p.content().equals(partA)));
            openRouter.open("fake/gated#" + messageId);
            stream.untilDone();
        }
        await().atMost(DEADLINE).until(() -> persistence.finishes(messageId).size() == 1);
        assertEquals(partA + "the end.", persistence.finishes(messageId).get(0).content());
    }

    @Test
    void aFinalReplyRefusedWithAnAnswerARetryCouldSettleIsRetriedUntilItLands() {
        String messageId = Api.id("msg");
        double droppedBefore = Metrics.value("z3chat_replies_dropped_total");
        double refusedBefore = Metrics.value("z3chat_final_refusals_total");
        persistence.refuseFinishes(messageId, 404, 409, 503);
        try (SseClient stream = Api.startScenario("fake/hello", messageId)) {
            stream.untilDone();
        }
        await().atMost(DEADLINE).until(() -> persistence.finishes(messageId).size() == 1);
        assertEquals("Hello world", persistence.finishes(messageId).get(0).content());
        long attempts = persistence.patches(messageId).stream().filter(p -> !p.status().equals("streaming")).count();
        assertEquals(4, attempts, "404, 409 and 503, then saved");
        assertEquals(droppedBefore, Metrics.value("z3chat_replies_dropped_total"));
        assertEquals(refusedBefore + 2, Metrics.value("z3chat_final_refusals_total"), "the 4xx refusals are counted");
    }

    @Test
    void aFinalReplyRefusedAsInvalidIsDroppedLoudlyAndCounted() {
        String messageId = Api.id("msg");
        double rejectedBefore = Metrics.value("z3chat_replies_dropped_total", "reason=\"rejected\"");
        persistence.refuseFinishes(messageId, 400);
        try (SseClient stream = Api.startScenario("fake/hello", messageId)) {
            stream.untilDone();
        }
        await().atMost(DEADLINE).until(() -> Metrics.value("z3chat_replies_dropped_total", "reason=\"rejected\"")
                >= rejectedBefore + 1);
        assertEquals(1, persistence.patches(messageId).stream().filter(p -> !p.status().equals("streaming")).count(),
                "a request that can never be taken is not sent again");
        assertEquals(List.of(), persistence.finishes(messageId));
    }
}
