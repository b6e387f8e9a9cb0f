package io.z3chat.persistence.chat;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "z3chat.chats")
public interface ChatsConfig {

    /** How long a deleted chat stays restorable; 0 purges it at once (env CHAT_RETENTION). */
    @WithDefault("30d")
    Duration retention();

    /** How often chats past retention are purged with their messages. */
    @WithDefault("10m")
    Duration purgeInterval();
}
