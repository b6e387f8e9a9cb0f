package io.z3chat.persistence.transfer.imports;

/**
 * A conversation that could not be read because its inside has the wrong shape; the rest of the file goes on.
 *
 * @param title  the conversation's title when one could be told, else null
 * @param reason user-facing: what is wrong with it
 */
public record UnreadableConversation(String title, String reason) implements ImportItem {
}
