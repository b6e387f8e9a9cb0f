package io.z3chat.persistence.transfer;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.z3chat.persistence.chat.ChatEntity;

import java.time.Instant;
import java.util.Iterator;

/** A chat in a z3chat export; its messages are read from the store while they are written. */
@JsonPropertyOrder({"id", "title", "titleSource", "createdAt", "updatedAt", "model", "pinned", "archived",
        "messageCount", "messages"})
public record ExportedChat(String id, String title, String titleSource, Instant createdAt, Instant updatedAt,
                           String model, boolean pinned, boolean archived, int messageCount,
                           Iterator<ExportedMessage> messages) {

    static ExportedChat of(ChatEntity chat, Iterator<ExportedMessage> messages) {
        return new ExportedChat(chat.id, chat.title, chat.titleSource, chat.createdAt, chat.updatedAt, chat.model,
                chat.pinned, chat.archived, chat.messageCount, messages);
    }
}
