package io.z3chat.persistence.transfer.imports;

/** What reading one conversation of an upload gave. */
public sealed interface ImportItem permits SourceConversation, UnreadableConversation {
}
