package io.z3chat.llmproxy.persistence;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How replies are saved to persistence-service. Its URL, connection pools and timeouts are those of the REST
 * clients {@code quarkus.rest-client.persistence.*} (final replies) and
 * {@code quarkus.rest-client.persistence-checkpoints.*} (checkpoints).
 */
@ConfigMapping(prefix = "z3chat.persistence")
public interface PersistenceConfig {

    Checkpoints checkpoints();

    FinalWrites finalWrites();

    /**
     * Checkpoints are best-effort and coalesced: one in flight per generation, and at most {@code max-in-flight}
     * across this replica, so a slow persistence-service gets fewer, larger checkpoints instead of a queue.
     */
    interface Checkpoints {

        /**
         * Checkpoint writes under way at once on this replica; a generation whose turn finds none free waits for the
         * next tick (its text only grows, so nothing is lost). Keep it at or below the checkpoint client's
         * {@code connection-pool-size}, so a checkpoint never waits for a connection.
         */
        @WithDefault("48")
        int maxInFlight();

        /** After a failed checkpoint a generation waits this long before the next, doubled per failure. */
        @WithDefault("2s")
        Duration initialBackoff();

        @WithDefault("30s")
        Duration maxBackoff();
    }

    /** Final replies are retried while persistence-service is down, within these bounds. */
    interface FinalWrites {

        @WithDefault("1s")
        Duration initialBackoff();

        @WithDefault("30s")
        Duration maxBackoff();

        /** A reply that could not be saved for this long is dropped (and counted). */
        @WithDefault("1h")
        Duration giveUpAfter();

        /** Final replies waiting for persistence-service at once; the oldest is dropped beyond. */
        @WithDefault("10000")
        int maxPending();

        /** Their total size (roughly two bytes per character); the oldest is dropped beyond. */
        @WithDefault("67108864")
        long maxPendingBytes();
    }
}
