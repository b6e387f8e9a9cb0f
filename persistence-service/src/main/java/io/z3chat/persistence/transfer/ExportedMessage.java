package io.z3chat.persistence.transfer;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.z3chat.persistence.message.MessageEntity;
import io.z3chat.persistence.message.MessageError;
import io.z3chat.persistence.message.Timing;
import io.z3chat.persistence.message.Usage;

import java.time.Instant;

/**
 * A message in a z3chat export (format version 1). {@code parentId}, only in a chat with versions: the message
 * it answers (absent on a first message), so the export holds the whole tree.
 */
@JsonPropertyOrder({"id", "parentId", "role", "content", "timestamp", "status", "model", "provider", "usage", "timing", "error"})
public record ExportedMessage(String id, String parentId, String role, String content, Instant timestamp, String status, String model,
                              String provider, Usage usage, Timing timing, MessageError error) {

    static ExportedMessage of(MessageEntity m, String parentId) {
        return new ExportedMessage(m.id, parentId, m.role, m.content, m.timestamp, m.status, m.model, m.provider, m.usage,
                m.timing, m.error);
    }
}
