package io.z3chat.llmproxy.generation;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "z3chat.generation")
public interface GenerationConfig {

    /** {@code LLM_PROXY_SELF_URL}: how this replica is reached for resume and cancel (the generation's owner). */
    @WithDefault("http://localhost:8082")
    String ownerUrl();

    /** The partial reply is checkpointed this often while it changes. */
    @WithDefault("1s")
    Duration checkpointInterval();

    /** A finished generation stays replayable this long. */
    @WithDefault("5m")
    Duration retainFinished();

    /** Generations streaming at once on this replica; more are refused with 503. */
    @WithDefault("1000")
    int maxActive();

    /**
     * The longest reply, in UTF-16 code units: the generation stops there and ends as error {@code reply_too_long}
     * with the text cut at it. The same maximum as persistence-service's {@code z3chat.messages.max-content-length},
     * so the longest reply produced is one the store accepts; never set it above that.
     */
    @WithDefault("100000")
    int maxReplyChars();

    /** Finished generations kept for replay, counted in characters of their text; the oldest go first. */
    @WithDefault("20000000")
    long maxRetainedChars();

    /** Clients following one generation at once. */
    @WithDefault("8")
    int maxFollowers();
}
