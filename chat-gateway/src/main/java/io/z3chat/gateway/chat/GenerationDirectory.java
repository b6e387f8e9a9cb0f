package io.z3chat.gateway.chat;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The generations this instance has seen start, so a {@code cancel {generationId}} can find its chat. Only a hint:
 * after a restart the client resumes first (which fills it) or names the chat in its cancel.
 */
@ApplicationScoped
public class GenerationDirectory {

    /** Whose generation it is, in which chat, and which llm-proxy replica announced it. */
    public record Entry(String user, String chatId, String owner) {
    }

    private final Cache<String, Entry> entries = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofHours(1)).build();

    public void remember(String generationId, Entry entry) {
        entries.put(generationId, entry);
    }

    /** Only the user's own generations are visible. */
    public Optional<Entry> find(String user, String generationId) {
        return Optional.ofNullable(entries.getIfPresent(generationId)).filter(e -> e.user().equals(user));
    }
}
