package io.z3chat.llmproxy.offline;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "z3chat.offline")
public interface OfflineConfig {

    /** The pause between two tokens of the offline reply: a human reading pace by default. */
    @WithDefault("40ms")
    Duration tokenDelay();
}
