package io.z3chat.persistence.chat;

/** {@code PUT /chats/{id}}: rename, pin, archive; {@code titleSource: "llm"} marks a generated title. */
public record UpdateChatRequest(String title, Boolean pinned, Boolean archived, String titleSource) {

    boolean isEmpty() {
        return title == null && pinned == null && archived == null && titleSource == null;
    }
}
