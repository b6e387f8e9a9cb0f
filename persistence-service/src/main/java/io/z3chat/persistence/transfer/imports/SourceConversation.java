package io.z3chat.persistence.transfer.imports;

import java.time.Instant;
import java.util.List;

/**
 * One conversation as the source app shows it: its visible branch, oldest message first, and the other
 * versions of its tree.
 *
 * @param sourceId  the source's own id for the conversation; null when the file has none
 * @param title     as stored, may be null or blank
 * @param createdAt null when the file has none
 * @param pinned    only z3chat and Open WebUI exports carry it
 * @param archived  only z3chat and Open WebUI exports carry it
 * @param titleSource only z3chat exports carry it ({@code auto}, {@code user}, {@code llm}); null otherwise
 */
public record SourceConversation(String sourceId, String title, Instant createdAt, boolean pinned, boolean archived,
                                 List<SourceMessage> messages, String titleSource, List<Other> others)
        implements ImportItem {

    /**
     * A message off the visible branch: another version somewhere in the tree.
     *
     * @param parent the index of the message it answers in {@code messages} followed by {@code others} (always an
     *               earlier one); -1: another version of the first message
     */
    public record Other(int parent, SourceMessage message) {
    }

    public SourceConversation {
        messages = List.copyOf(messages);
        others = List.copyOf(others);
    }

    /** A conversation without other versions. */
    public SourceConversation(String sourceId, String title, Instant createdAt, boolean pinned, boolean archived,
                              List<SourceMessage> messages, String titleSource) {
        this(sourceId, title, createdAt, pinned, archived, messages, titleSource, List.of());
    }

    /** This conversation with the versions its visible branch leaves out. */
    SourceConversation withOthers(List<Other> others) {
        return new SourceConversation(sourceId, title, createdAt, pinned, archived, messages, titleSource, others);
    }

    /** A conversation of a third-party export, which does not say where its title came from. */
    public SourceConversation(String sourceId, String title, Instant createdAt, boolean pinned, boolean archived,
                              List<SourceMessage> messages) {
        this(sourceId, title, createdAt, pinned, archived, messages, null);
    }
}
