package io.z3chat.llmproxy.generation;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.z3chat.llmproxy.reply.Timing;

/** Created at start-up so its meters show from the first scrape. */
@Startup
@ApplicationScoped
class GenerationMetrics {

    private final MeterRegistry registry;
    private final Counter tokens;
    private final Timer timeToFirstToken;

    GenerationMetrics(MeterRegistry registry, GenerationRegistry generations) {
        this.registry = registry;
        Gauge.builder("z3chat.generations.active", generations, GenerationRegistry::activeCount)
                .description("Generations streaming on this replica").register(registry);
        this.tokens = Counter.builder("z3chat.tokens.streamed")
                .description("Content chunks streamed from the upstream (about one token each)").register(registry);
        this.timeToFirstToken = Timer.builder("z3chat.generation.ttft")
                .description("Time from the request to the first reply token").register(registry);
    }

    void token() {
        tokens.increment();
    }

    void finished(Generation generation) {
        Timing timing = generation.timing();
        if (timing.ttftMs() != null) {
            timeToFirstToken.record(Duration.ofMillis(timing.ttftMs()));
        }
        Counter.builder("z3chat.generations.finished").tag("status", generation.status().wire())
                .description("Generations ended, by status").register(registry).increment();
    }

    void upstreamError(String code) {
        Counter.builder("z3chat.upstream.errors").tag("code", code)
                .description("Upstream failures, by our error code").register(registry).increment();
    }
}
