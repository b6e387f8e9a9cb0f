package io.z3chat.persistence.transfer.imports;

import com.fasterxml.jackson.databind.JsonNode;

/** How one conversation of an export format becomes its visible branch. */
sealed interface ConversationFormat
        permits Z3chatFormat, ChatGptFormat, ClaudeFormat, LibreChatFormat, OpenWebUiFormat, ChatbotUiFormat {

    /**
     * @param conversation a JSON object
     * @throws WrongShape when the object's structure is not the format's
     */
    SourceConversation read(JsonNode conversation);

    static ConversationFormat of(ImportFormat format) {
        return switch (format) {
            case Z3CHAT -> new Z3chatFormat();
            case CHATGPT -> new ChatGptFormat();
            case CLAUDE -> new ClaudeFormat();
            case LIBRECHAT -> new LibreChatFormat();
            case OPENWEBUI -> new OpenWebUiFormat();
            case CHATBOTUI -> new ChatbotUiFormat();
        };
    }
}
