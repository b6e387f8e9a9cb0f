package io.z3chat.persistence.share;

import java.time.Instant;
import java.util.List;

/**
 * The public read of a share link: the title and, per message, role, content, time and model.
 * Nothing else of the chat or its owner ever goes out this way. Paged oldest first.
 */
public record SharedChat(String title, Instant sharedAt, Instant expiresAt, List<SharedMessage> messages,
                         boolean hasMore, String nextCursor) {

    public record SharedMessage(String role, String content, Instant timestamp, String model) {
    }
}
