package io.z3chat.persistence.message;

import java.time.Instant;

/**
 * A message as the contract shows it. Where it has other versions (its siblings: the other answers to the
 * message before it), {@code version} is its place among them (1 = the first written) of {@code versions},
 * with the ids of the neighbouring versions; a message without siblings leaves all four out.
 */
public record Message(String id, String chatId, String role, String content, Instant timestamp, String status,
                      String model, String provider, String generationId, String generationOwner, Usage usage,
                      Timing timing, MessageError error, Instant checkpointAt, Integer version, Integer versions,
                      String previousVersionId, String nextVersionId) {

    public static Message of(MessageEntity e) {
        return of(e, null);
    }

    static Message of(MessageEntity e, Siblings siblings) {
        boolean has = siblings != null && siblings.ids().size() > 1;
        int at = has ? siblings.ids().indexOf(e.id) : -1;
        return new Message(e.id, e.chatId, e.role, e.content, e.timestamp, e.status, e.model, e.provider,
                e.generationId, e.generationOwner, e.usage, e.timing, e.error, e.checkpointAt,
                has ? at + 1 : null, has ? siblings.ids().size() : null,
                has && at > 0 ? siblings.ids().get(at - 1) : null,
                has && at < siblings.ids().size() - 1 ? siblings.ids().get(at + 1) : null);
    }

    /** The versions at one place of the tree, oldest first. */
    record Siblings(java.util.List<String> ids) {
    }
}
