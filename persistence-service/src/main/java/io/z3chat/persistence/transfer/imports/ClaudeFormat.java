package io.z3chat.persistence.transfer.imports;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.z3chat.persistence.transfer.imports.SourceFields.hasText;
import static io.z3chat.persistence.transfer.imports.SourceFields.text;

/** Claude's conversations.json entries, or one conversation as claude.ai serves it. */
final class ClaudeFormat implements ConversationFormat {

    @Override
    public SourceConversation read(JsonNode conversation) {
        JsonNode entries = SourceFields.list(conversation, "chat_messages");
        String model = text(conversation, "model");
        List<SourceMessage> messages = new ArrayList<>();
        List<SourceConversation.Other> others = List.of();
        if (entries != null) {
            List<JsonNode> visible = visibleBranch(entries, text(conversation, "current_leaf_message_uuid"));
            for (JsonNode entry : visible) {
                SourceMessage message = message(entry, model);
                if (message != null) {
                    messages.add(message);
                }
            }
            Map<String, JsonNode> byId = new HashMap<>();
            List<JsonNode> all = new ArrayList<>();
            boolean linked = false;
            for (JsonNode entry : entries) {
                if (entry.isObject()) {
                    all.add(entry);
                    String id = text(entry, "uuid");
                    if (id != null) {
                        byId.putIfAbsent(id, entry);
                    }
                    linked |= text(entry, "parent_message_uuid") != null;
                }
            }
            if (linked) {
                others = Branch.others(all, visible, e -> byId.get(text(e, "parent_message_uuid")), e -> message(e, model));
            }
        }
        return new SourceConversation(text(conversation, "uuid"), text(conversation, "name"),
                SourceTimes.instant(conversation.get("created_at")), false, false, messages).withOthers(others);
    }

    private static List<JsonNode> visibleBranch(JsonNode entries, String leafId) {
        Map<String, JsonNode> byId = new HashMap<>();
        List<JsonNode> inOrder = new ArrayList<>();
        boolean linked = false;
        for (JsonNode entry : entries) {
            if (entry.isObject()) {
                inOrder.add(entry);
                String id = text(entry, "uuid");
                if (id != null) {
                    byId.put(id, entry);
                }
                linked |= text(entry, "parent_message_uuid") != null;
            }
        }
        if (!linked || inOrder.isEmpty()) {
            return inOrder; // older exports have no links: the list is the conversation
        }
        JsonNode leaf = leafId != null && byId.containsKey(leafId) ? byId.get(leafId) : inOrder.get(inOrder.size() - 1);
        return Branch.upFrom(leaf, entry -> byId.get(text(entry, "parent_message_uuid")));
    }

    private static SourceMessage message(JsonNode entry, String model) {
        String sender = text(entry, "sender");
        String role = "human".equals(sender) ? "user" : "assistant".equals(sender) ? "assistant" : null;
        if (role == null) {
            return null;
        }
        String content = textBlocks(entry.get("content"));
        if (!hasText(content)) {
            content = text(entry, "text");
        }
        if (!hasText(content)) {
            return null;
        }
        return SourceMessage.text(role, content, SourceTimes.instant(entry.get("created_at")),
                "assistant".equals(role) ? model : null);
    }

    /** The text blocks only: thinking, tool use and tool results are not what the chat shows as the reply. */
    private static String textBlocks(JsonNode content) {
        if (content == null || !content.isArray()) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode block : content) {
            String text = text(block, "text");
            if ("text".equals(text(block, "type")) && hasText(text)) {
                texts.add(text);
            }
        }
        return String.join("\n\n", texts);
    }
}
