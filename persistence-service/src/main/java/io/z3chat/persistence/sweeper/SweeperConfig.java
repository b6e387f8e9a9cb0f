package io.z3chat.persistence.sweeper;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "z3chat.sweeper")
public interface SweeperConfig {

    /** How often the sweeper looks for abandoned replies. */
    @WithDefault("30s")
    Duration interval();

    /** A streaming reply whose last checkpoint is older than this is considered abandoned. */
    @WithDefault("2m")
    Duration staleAfter();
}
