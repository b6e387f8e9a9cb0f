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
 * @param titleSource only z3chat exports carry it ({@code auto}, {@code user}, {@code llm}); null otherwise
 */
public record SourceConversation(String sourceId, String title, Instant createdAt, boolean pinned, boolean archived,
                                 List<SourceMessage> messages, String titleSource) implements ImportItem {

    public SourceConversation {
        messages = List.copyOf(messages);
    }

    /** A conversation of a third-party export, which does not say where its title came from. */
    public SourceConversation(String sourceId, String title, Instant createdAt, boolean pinned, boolean archived,
                              List<SourceMessage> messages) {
        this(sourceId, title, createdAt, pinned, archived, messages, null);
    }
}
