package io.z3chat.persistence.transfer.imports;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static io.z3chat.persistence.transfer.imports.SourceFields.hasText;
import static io.z3chat.persistence.transfer.imports.SourceFields.text;

/** A conversation of a Chatbot UI export's {@code history}: a plain message list, no branches, no times. */
final class ChatbotUiFormat implements ConversationFormat {

    @Override
    public SourceConversation read(JsonNode conversation) {
        JsonNode list = SourceFields.list(conversation, "messages");
        JsonNode modelNode = conversation.path("model");
        String model = modelNode.isTextual() ? modelNode.textValue() : text(modelNode, "id");
        List<SourceMessage> messages = new ArrayList<>();
        if (list != null) {
            for (JsonNode message : list) {
                String role = text(message, "role");
                String content = text(message, "content");
                if (("user".equals(role) || "assistant".equals(role)) && hasText(content)) {
                    messages.add(SourceMessage.text(role, content, null, "assistant".equals(role) ? model : null));
                }
            }
        }
        return new SourceConversation(text(conversation, "id"), text(conversation, "name"), null, false, false,
                messages);
    }
}
