package io.z3chat.llmproxy.generation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.z3chat.llmproxy.persistence.MessagePatch;
import io.z3chat.llmproxy.persistence.ReplySaver;

/**
 * Every {@code checkpoint-interval}, writes the full text of each streaming generation that grew since its last
 * checkpoint. Writes per reply grow with the seconds streamed, never with tokens; while one write is under way the
 * next is skipped (counted as superseded), the following tick carries its text.
 */
@ApplicationScoped
class Checkpointer {

    private final GenerationRegistry registry;
    private final ReplySaver saver;
    private final Vertx vertx;
    private final GenerationConfig config;

    Checkpointer(GenerationRegistry registry, ReplySaver saver, Vertx vertx, GenerationConfig config) {
        this.registry = registry;
        this.saver = saver;
        this.vertx = vertx;
        this.config = config;
    }

    void start(@Observes StartupEvent ignored) {
        vertx.setPeriodic(config.checkpointInterval().toMillis(), id -> tick());
    }

    void tick() {
        registry.streaming().forEach(this::checkpoint);
    }

    private void checkpoint(Generation generation) {
        CheckpointProgress progress = generation.checkpoint;
        if (progress.busyWithOlderText(generation)) {
            saver.checkpointSuperseded();
            return;
        }
        String text = progress.claim(generation);
        if (text == null) {
            return;
        }
        MessagePatch patch = MessagePatch.checkpoint(text, generation.id(), generation.owner(), generation.model());
        saver.checkpoint(generation.user(), generation.chatId(), generation.messageId(), patch)
                .subscribe().with(progress::settled);
    }
}
