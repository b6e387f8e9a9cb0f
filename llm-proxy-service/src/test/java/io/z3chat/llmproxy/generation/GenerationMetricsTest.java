package io.z3chat.llmproxy.generation;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.z3chat.llmproxy.fake.Api;
import io.z3chat.llmproxy.fake.FakeOpenRouter;
import io.z3chat.llmproxy.fake.FakeServices;
import io.z3chat.llmproxy.fake.InjectFake;
import io.z3chat.llmproxy.testing.Metrics;
import io.z3chat.llmproxy.fake.SseClient;

/** The meters the issue asks for move when what they count happens (callback retries: GenerationLifecycleTest). */
@QuarkusTest
@WithTestResource(FakeServices.class)
class GenerationMetricsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @InjectFake
    FakeOpenRouter openRouter;

    @Test
    void aStreamedReplyCountsItsTokensItsTimeToFirstTokenItsCheckpointAndItsEnd() {
        double tokens = Metrics.value("z3chat_tokens_streamed_total");
        double ttftCount = Metrics.value("z3chat_generation_ttft_seconds_count");
        double checkpointsOk = Metrics.value("z3chat_checkpoint_writes_total", "outcome=\"ok\"");
        double complete = Metrics.value("z3chat_generations_finished_total", "status=\"complete\"");

        try (SseClient stream = Api.startScenario("fake/hello", Api.id("msg"))) {
            stream.untilDone();
        }

        assertEquals(tokens + 2, Metrics.value("z3chat_tokens_streamed_total"), "\"Hello\" and \" world\"");
        await().atMost(DEADLINE).until(() -> Metrics.value("z3chat_generation_ttft_seconds_count") == ttftCount + 1);
        await().atMost(DEADLINE).until(
                () -> Metrics.value("z3chat_generations_finished_total", "status=\"complete\"") == complete + 1);
        assertTrue(Metrics.value("z3chat_checkpoint_writes_total", "outcome=\"ok\"") >= checkpointsOk + 1,
                "the initial checkpoint is counted");
    }

    @Test
    void upstreamErrorsAreCountedByCode() {
        String code = "code=\"insufficient_credits\"";
        double before = Metrics.value("z3chat_upstream_errors_total", code);
        try (SseClient stream = Api.startScenario("fake/status-402", Api.id("msg"))) {
            stream.untilDone();
        }
        assertEquals(before + 1, Metrics.value("z3chat_upstream_errors_total", code));
    }

    @Test
    void activeGenerationsGoUpWhileOneStreamsAndDownWhenItEnds() {
        String messageId = Api.id("msg");
        String model = "fake/gated#" + messageId;
        try (SseClient stream = Api.start(Api.user(), Api.generation(Api.id("chat"), messageId, model, "One|, two."))) {
            stream.textUntilLength("One".length());
            double streaming = Metrics.value("z3chat_generations_active");
            assertTrue(streaming >= 1, "active while streaming: " + streaming);
            openRouter.open(model);
            stream.untilDone();
            await().atMost(DEADLINE).until(() -> Metrics.value("z3chat_generations_active") <= streaming - 1);
        }
    }
}
