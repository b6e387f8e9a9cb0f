package io.z3chat.llmproxy.models;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "z3chat.models")
public interface ModelsConfig {

    /** The upstream list is fetched again when it is older than this. */
    @WithDefault("10m")
    Duration ttl();
}
