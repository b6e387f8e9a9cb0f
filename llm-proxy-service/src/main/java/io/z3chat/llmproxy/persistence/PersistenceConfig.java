package io.z3chat.llmproxy.persistence;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How replies are saved to persistence-service (its URL is {@code quarkus.rest-client.persistence.url}). */
@ConfigMapping(prefix = "z3chat.persistence")
public interface PersistenceConfig {

    /** The first checkpoint is written before {@code start}, but never holds the stream up longer than this. */
    @WithDefault("2s")
    Duration initialCheckpointTimeout();

    FinalWrites finalWrites();

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
