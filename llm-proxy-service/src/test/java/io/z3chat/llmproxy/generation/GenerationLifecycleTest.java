package io.z3chat.llmproxy.generation;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

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
import io.z3chat.llmproxy.testing.Metrics;
import io.z3chat.llmproxy.fake.SseClient;
import io.z3chat.llmproxy.fake.SseClient.Event;
import io.z3chat.llmproxy.testing.TestTokens;

/** A generation outlives its client, can be resumed and cancelled, and is checkpointed while it streams. */
@QuarkusTest
@WithTestResource(FakeServices.class)
class GenerationLifecycleTest {

    private static final Duration DEADLINE = Duration.ofSeconds(15);

    @InjectFake
    FakeOpenRouter openRouter;

    @InjectFake
    FakePersistence persistence;

    @ConfigProperty(name = "fake.persistence.url")
    String fakePersistenceUrl;

    @Inject
    GenerationService generations;

    /** The fake "gated" model streams the prompt's text before {@code |}, waits to be let go, then the rest. */
    private JsonObject gated(String messageId, String partA, String partB) {
        return Api.generation(Api.id("chat"), messageId, "fake/gated#" + messageId, partA + "|" + partB);
    }

    @Test
    void aGenerationRunsToItsEndAfterItsClientLeavesAndIsSavedThenReported() {
        String user = Api.user();
        String messageId = Api.id("msg");
        JsonObject body = gated(messageId, "The first half,", " and the second half.")
                .put("callbackUrl", fakePersistenceUrl + FakePersistence.CALLBACK_PATH);
        String generationId;
        try (SseClient stream = Api.start(user, body)) {
            generationId = stream.until(e -> e.type().equals("start")).get(0).data().getString("generationId");
            assertEquals("The first half,", stream.textUntilLength("The first half,".length()));
            assertEquals(1, generations.find(generationId, user).followers());
        }
        // the service has seen its client go (so the rest cannot reach anyone) before the model goes on
        String id = generationId;
        await().atMost(DEADLINE).until(() -> generations.find(id, user).followers() == 0);
        assertEquals(GenerationStatus.STREAMING, generations.find(id, user).status());
        openRouter.open("fake/gated#" + messageId);

        await().atMost(DEADLINE).until(() -> persistence.finishes(messageId).size() == 1);
        FakePersistence.Patch saved = persistence.finishes(messageId).get(0);
        assertEquals("The first half, and the second half.", saved.content());
        assertEquals("complete", saved.status());
        assertEquals(user, saved.user());

        await().atMost(DEADLINE).until(() -> persistence.callbacks(messageId).size() == 1);
        FakePersistence.Callback callback = persistence.callbacks(messageId).get(0);
        assertEquals(user, callback.user());
        assertEquals(generationId, callback.body().getString("generationId"));
        assertEquals("complete", callback.body().getString("status"));
        assertEquals(saved.chatId(), callback.body().getString("chatId"));
        assertTrue(callback.body().containsKey("timing"));
    }

    @Test
    void resumingFromAnOffsetReplaysExactlyTheRestThenFollowsLive() {
        String user = Api.user();
        String messageId = Api.id("msg");
        String partA = "Ünïcödé 🎉 then 亚洲 text";
        String partB = " and the rest 🎉 done.";
        String full = partA + partB;
        String generationId;
        try (SseClient first = Api.start(user, gated(messageId, partA, partB))) {
            generationId = first.until(e -> e.type().equals("start")).get(0).data().getString("generationId");
            assertEquals(partA, first.textUntilLength(partA.length()));
        }
        int offset = partA.indexOf("🎉") + 2; // just after the emoji's surrogate pair, in UTF-16 code units
        try (SseClient resumed = SseClient.get(
                Api.uri("/generations/" + generationId + "/events?from=" + offset), TestTokens.gateway(user))) {
            List<Event> replay = resumed.until(e -> e.type().equals("delta"));
            assertEquals(generationId, replay.get(0).data().getString("generationId"));
            assertEquals(new JsonObject().put("type", "delta").put("generationId", generationId)
                    .put("offset", offset).put("text", partA.substring(offset)), replay.get(1).data());

            openRouter.open("fake/gated#" + messageId);
            List<Event> all = new java.util.ArrayList<>(replay);
            all.addAll(resumed.untilDone());
            assertEquals(full.substring(offset), Replies.joinedFrom(offset, all));
            assertEquals("complete", all.get(all.size() - 1).data().getString("status"));
        }
        try (SseClient again = SseClient.get(Api.uri("/generations/" + generationId + "/events"),
                TestTokens.gateway(user))) {
            List<Event> events = again.untilDone();
            assertEquals(List.of("start", "delta", "done"), events.stream().map(Event::type).toList(),
                    "a finished generation replays as one delta");
            assertEquals(full, Replies.joined(events));
        }
    }

    @Test
    void onlyTheGenerationsOwnUserMayResumeOrCancelIt() {
        String user = Api.user();
        String messageId = Api.id("msg");
        try (SseClient stream = Api.start(user, gated(messageId, "Mine", " only."))) {
            String generationId = stream.until(e -> e.type().equals("start")).get(0).data().getString("generationId");
            String intruder = Api.user();
            Api.as(intruder).get("/generations/" + generationId + "/events?from=0").then().statusCode(404)
                    .body("error.code", is("not_found"));
            Api.as(intruder).delete("/generations/" + generationId).then().statusCode(404)
                    .body("error.code", is("not_found"));
            Api.as(user).get("/generations/gen_doesnotexist0000000000/events").then().statusCode(404);
            Api.as(user).get("/generations/" + generationId + "/events?from=-1").then().statusCode(400)
                    .body("error.code", is("invalid_request"));
            Api.as(user).get("/generations/" + generationId + "/events?from=999").then().statusCode(400)
                    .body("error.code", is("invalid_request"));
            openRouter.open("fake/gated#" + messageId);
            stream.untilDone();
            assertEquals("Mine only.", stream.text());
        }
    }

    @Test
    void cancellingClosesTheUpstreamConnectionAndSavesWhatWasProducedAsCancelled() {
        String user = Api.user();
        String messageId = Api.id("msg");
        String model = "fake/endless#" + messageId;
        JsonObject body = Api.generation(Api.id("chat"), messageId, model, "Go on")
                .put("callbackUrl", fakePersistenceUrl + FakePersistence.CALLBACK_PATH);
        try (SseClient stream = Api.start(user, body)) {
            String generationId = stream.until(e -> e.type().equals("start")).get(0).data().getString("generationId");
            stream.textUntilLength(20);

            Api.as(user).delete("/generations/" + generationId).then().statusCode(202);

            List<Event> rest = stream.untilDone();
            JsonObject done = rest.get(rest.size() - 1).data();
            assertEquals("cancelled", done.getString("status"));
            await().atMost(DEADLINE).until(() -> openRouter.sawDisconnect(model));
            await().atMost(DEADLINE).until(() -> persistence.finishes(messageId).size() == 1);
            FakePersistence.Patch saved = persistence.finishes(messageId).get(0);
            assertEquals("cancelled", saved.status());
            assertEquals(stream.text(), saved.content(), "what the client saw is what was saved");
            assertTrue(saved.content().startsWith("tick0 tick1 "));
            await().atMost(DEADLINE).until(() -> persistence.callbacks(messageId).size() == 1);
            assertEquals("cancelled", persistence.callbacks(messageId).get(0).body().getString("status"));

            Api.as(user).delete("/generations/" + generationId).then().statusCode(202);
        }
    }

    @Test
    void checkpointsCarryTheFullTextSoFarAndAreCoalescedNotOnePerToken() {
        String messageId = Api.id("msg");
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            words.append("w").append(i).append(' ');
        }
        String partA = words.toString();
        long startedAt = System.nanoTime();
        try (SseClient stream = Api.start(Api.user(), gated(messageId, partA, "end."))) {
            stream.textUntilLength(partA.length());
            await().atMost(DEADLINE).until(() -> persistence.patches(messageId).stream()
                    .anyMatch(p -> p.status().equals("streaming") && p.content().equals(partA)));
            double elapsedSeconds = (System.nanoTime() - startedAt) / 1e9;

            List<FakePersistence.Patch> checkpoints = persistence.patches(messageId).stream()
                    .filter(p -> p.status().equals("streaming")).toList();
            int previous = -1;
            for (FakePersistence.Patch checkpoint : checkpoints) {
                assertTrue(partA.startsWith(checkpoint.content()), "a checkpoint is the full text so far");
                assertTrue(checkpoint.content().length() > previous, "each checkpoint has more text");
                previous = checkpoint.content().length();
            }
            assertTrue(checkpoints.size() < 200, "fewer writes than tokens: " + checkpoints.size());
            assertTrue(checkpoints.size() <= elapsedSeconds / 0.2 + 3,
                    checkpoints.size() + " checkpoints in " + elapsedSeconds + " s at one per 200 ms");

            openRouter.open("fake/gated#" + messageId);
            stream.untilDone();
            assertEquals(partA + "end.", stream.text());
        }
    }

    @Test
    void anUnreachableGatewayNeverCostsTheReply() {
        double retriesBefore = Metrics.value("z3chat_callback_retries_total");
        double failuresBefore = Metrics.value("z3chat_callback_failures_total");
        String messageId = Api.id("msg");
        JsonObject body = Api.generation(Api.id("chat"), messageId, "fake/hello#" + messageId, "Hi")
                .put("callbackUrl", "http://127.0.0.1:1/internal/generations/callback");
        try (SseClient stream = Api.start(Api.user(), body)) {
            assertEquals("complete", stream.untilDone().stream().reduce((a, b) -> b).orElseThrow().data()
                    .getString("status"));
        }
        await().atMost(DEADLINE).until(() -> persistence.finishes(messageId).size() == 1);
        assertEquals("Hello world", persistence.finishes(messageId).get(0).content());
        // max-attempts 3: two retries, then given up on
        await().atMost(DEADLINE).until(() -> Metrics.value("z3chat_callback_failures_total") >= failuresBefore + 1);
        assertTrue(Metrics.value("z3chat_callback_retries_total") >= retriesBefore + 2);
    }
}
