package io.z3chat.persistence.transfer.imports;

import java.time.Instant;
import java.util.List;

/**
 * One conversation as the source app shows it: its visible branch only, oldest message first.
 *
 * @param sourceId  the source's own id for the conversation; null when the file has none
 * @param title     as stored, may be null or blank
 * @param createdAt null when the file has none
 * @param pinned    only z3chat and Open WebUI exports carry it
 * @param archived  only z3chat and Open WebUI exports carry it
 */
public record SourceConversation(String sourceId, String title, Instant createdAt, boolean pinned, boolean archived,
                                 List<SourceMessage> messages) implements ImportItem {

    public SourceConversation {
        messages = List.copyOf(messages);
    }
}
