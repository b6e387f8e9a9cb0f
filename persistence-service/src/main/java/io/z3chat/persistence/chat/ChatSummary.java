package io.z3chat.persistence.chat;

import java.time.Instant;

/** One item of the chat list. */
public record ChatSummary(String id, String title, String lastMessage, Instant createdAt, Instant updatedAt,
                          int messageCount, String model, boolean pinned, boolean archived, long version) {

    public static ChatSummary of(ChatEntity e) {
        return new ChatSummary(e.id, e.title, e.lastMessage, e.createdAt, e.updatedAt, e.messageCount,
                e.model, e.pinned, e.archived, e.version);
    }
}
