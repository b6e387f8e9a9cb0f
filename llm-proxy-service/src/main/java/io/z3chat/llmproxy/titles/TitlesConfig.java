package io.z3chat.llmproxy.titles;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "z3chat.titles")
public interface TitlesConfig {

    /** A small, fast model; a request may name another. */
    @WithDefault("openai/gpt-4o-mini")
    String model();

    /** A title that takes longer is given up on (504). */
    @WithDefault("10s")
    Duration timeout();
}
