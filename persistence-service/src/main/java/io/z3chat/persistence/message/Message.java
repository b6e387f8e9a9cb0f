package io.z3chat.persistence.message;

import java.time.Instant;

/** A message as the contract shows it. */
public record Message(String id, String chatId, String role, String content, Instant timestamp, String status,
                      String model, String provider, String generationId, String generationOwner, Usage usage,
                      Timing timing, MessageError error, Instant checkpointAt) {

    public static Message of(MessageEntity e) {
        return new Message(e.id, e.chatId, e.role, e.content, e.timestamp, e.status, e.model, e.provider,
                e.generationId, e.generationOwner, e.usage, e.timing, e.error, e.checkpointAt);
    }
}
