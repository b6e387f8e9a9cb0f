package io.z3chat.persistence.transfer;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.z3chat.persistence.chat.ChatEntity;

import java.time.Instant;
import java.util.Iterator;

/**
 * A chat in a z3chat export; its messages are read from the store while they are written. A chat with versions
 * carries all of them (each with its {@code parentId}) and {@code currentMessageId}, the end of its selected path.
 */
@JsonPropertyOrder({"id", "title", "titleSource", "createdAt", "updatedAt", "model", "pinned", "archived",
        "messageCount", "currentMessageId", "messages"})
public record ExportedChat(String id, String title, String titleSource, Instant createdAt, Instant updatedAt,
                           String model, boolean pinned, boolean archived, int messageCount,
                           String currentMessageId, Iterator<ExportedMessage> messages) {

    /** @param currentMessageId the selected path's last message; null for a linear chat */
    static ExportedChat of(ChatEntity chat, String currentMessageId, Iterator<ExportedMessage> messages) {
        return new ExportedChat(chat.id, chat.title, chat.titleSource, chat.createdAt, chat.updatedAt, chat.model,
                chat.pinned, chat.archived, chat.messageCount, currentMessageId, messages);
    }
}
