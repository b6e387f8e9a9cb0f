package io.z3chat.llmproxy.generation;

import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.z3chat.llmproxy.persistence.PersistenceConfig;
import io.z3chat.llmproxy.persistence.ReplySaver;
import io.z3chat.llmproxy.reply.MessagePatch;
import io.z3chat.llmproxy.retry.Backoff;

/**
 * Every {@code checkpoint-interval}, writes the full text of each streaming generation that grew since its last
 * checkpoint. Writes per reply grow with the seconds streamed, never with tokens. Under load it coalesces instead of
 * queueing: one write in flight per generation, at most {@code max-in-flight} on the replica (the generations that
 * waited longest go first), and a generation whose write failed backs off. A skipped checkpoint loses nothing: the
 * text only grows, the next one carries it, and the final reply is written apart from all this.
 */
@ApplicationScoped
class Checkpointer {

    private final GenerationRegistry registry;
    private final ReplySaver saver;
    private final Vertx vertx;
    private final GenerationConfig config;
    private final int maxInFlight;
    private final Backoff backoff;
    private final AtomicInteger inFlight = new AtomicInteger();

    Checkpointer(GenerationRegistry registry, ReplySaver saver, Vertx vertx, GenerationConfig config,
            PersistenceConfig persistence, MeterRegistry metrics) {
        this.registry = registry;
        this.saver = saver;
        this.vertx = vertx;
        this.config = config;
        this.maxInFlight = persistence.checkpoints().maxInFlight();
        this.backoff = new Backoff(persistence.checkpoints().initialBackoff(), persistence.checkpoints().maxBackoff());
        Gauge.builder("z3chat.checkpoint.in.flight", inFlight, AtomicInteger::get)
                .description("Checkpoint writes under way").register(metrics);
    }

    void start(@Observes StartupEvent ignored) {
        vertx.setPeriodic(config.checkpointInterval().toMillis(), id -> tick());
    }

    /**
     * The first checkpoint, sent beside the upstream request and never waited for: it creates the streaming message
     * with its owner, so a client that reloads finds it. When it cannot go now the first tick with text writes it,
     * and a final reply creates the message by itself if it gets there first.
     */
    void initial(Generation generation) {
        if (!reserve()) {
            saver.checkpointSkipped("deferred");
            return;
        }
        write(generation, generation.checkpoint.claim(generation, System.nanoTime(), true));
    }

    void tick() {
        long now = System.nanoTime();
        // sorted on a snapshot of each generation's last attempt: an initial checkpoint claimed meanwhile on
        // another thread must not change a key in the middle of the sort
        registry.streaming()
                .map(generation -> new Waiting(generation, generation.checkpoint.lastAttemptNanos()))
                .sorted(Comparator.comparingLong(Waiting::lastAttemptNanos))
                .forEach(waiting -> checkpoint(waiting.generation(), now));
    }

    private record Waiting(Generation generation, long lastAttemptNanos) {
    }

    private void checkpoint(Generation generation, long now) {
        CheckpointProgress progress = generation.checkpoint;
        switch (progress.turn(generation, now)) {
            case NOTHING_NEW -> {
                return;
            }
            case SUPERSEDED -> {
                saver.checkpointSkipped("superseded");
                return;
            }
            case BACKOFF -> {
                saver.checkpointSkipped("backoff");
                return;
            }
            case WRITE -> {
                if (!reserve()) {
                    saver.checkpointSkipped("deferred");
                    return;
                }
                write(generation, progress.claim(generation, now, false));
            }
        }
    }

    private void write(Generation generation, String text) {
        if (text == null) {
            inFlight.decrementAndGet();
            return;
        }
        MessagePatch patch = MessagePatch.checkpoint(text, generation.id(), generation.owner(), generation.model());
        saver.checkpoint(generation.user(), generation.chatId(), generation.messageId(), patch)
                .subscribe().with(landed -> {
                    inFlight.decrementAndGet();
                    generation.checkpoint.settled(landed, System.nanoTime(), backoff);
                });
    }

    private boolean reserve() {
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            return false;
        }
        return true;
    }
}
