package io.z3chat.llmproxy.generation;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a stopping replica finishes its work ({@link ShutdownDrain}). */
@ConfigMapping(prefix = "z3chat.shutdown")
public interface ShutdownConfig {

    /** Longest wait on SIGTERM for the running generations to end and their final replies to be saved. */
    @WithDefault("30s")
    Duration drainTimeout();
}
