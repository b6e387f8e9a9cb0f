package io.z3chat.persistence.message;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "z3chat.messages")
public interface MessagesConfig {

    /** Longest message content accepted, in UTF-16 units; longer is a 413. */
    @WithDefault("100000")
    int maxContentLength();
}
