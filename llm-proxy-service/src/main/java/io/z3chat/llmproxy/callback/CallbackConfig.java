package io.z3chat.llmproxy.callback;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The lifecycle callback to the gateway is retried briefly: the reply is saved already, this is only news. */
@ConfigMapping(prefix = "z3chat.callback")
public interface CallbackConfig {

    @WithDefault("3")
    int maxAttempts();

    @WithDefault("500ms")
    Duration initialBackoff();

    @WithDefault("5s")
    Duration maxBackoff();
}
