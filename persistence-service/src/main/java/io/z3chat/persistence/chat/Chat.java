package io.z3chat.persistence.chat;

import java.time.Instant;

/**
 * A chat as the contract shows it. {@code selectionVersion} counts changes of the selected path (a switch, a new
 * version); a switch can be made conditional on it.
 */
public record Chat(String id, String title, String titleSource, Instant createdAt, Instant updatedAt,
                   String lastMessage, int messageCount, String model, boolean pinned, boolean archived,
                   long version, Share share, long selectionVersion) {

    public record Share(String id, Instant createdAt, Instant expiresAt) {
    }

    public static Chat of(ChatEntity e) {
        var share = e.share == null ? null : new Share(e.share.shareId, e.share.createdAt, e.share.expiresAt);
        return new Chat(e.id, e.title, e.titleSource, e.createdAt, e.updatedAt, e.lastMessage,
                e.messageCount, e.model, e.pinned, e.archived, e.version, share, e.selectionVersion);
    }
}
