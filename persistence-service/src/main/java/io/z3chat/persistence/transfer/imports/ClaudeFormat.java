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
            Linked linked = Linked.of(entries);
            List<JsonNode> visible = visibleBranch(linked, text(conversation, "current_leaf_message_uuid"));
            for (JsonNode entry : visible) {
                SourceMessage message = message(entry, model);
                if (message != null) {
                    messages.add(message);
                }
            }
            if (linked.linked()) {
                others = Branch.others(linked.inOrder(), visible, linked::parent, e -> message(e, model));
            }
        }
        return new SourceConversation(text(conversation, "uuid"), text(conversation, "name"),
                SourceTimes.instant(conversation.get("created_at")), false, false, messages).withOthers(others);
    }

    /** The entries in file order, by uuid, and whether any links to a parent (older exports do not). */
    private record Linked(List<JsonNode> inOrder, Map<String, JsonNode> byId, boolean linked) {

        static Linked of(JsonNode entries) {
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
            return new Linked(inOrder, byId, linked);
        }

        JsonNode parent(JsonNode entry) {
            return byId.get(text(entry, "parent_message_uuid"));
        }
    }

    private static List<JsonNode> visibleBranch(Linked entries, String leafId) {
        if (!entries.linked() || entries.inOrder().isEmpty()) {
            return entries.inOrder(); // older exports have no links: the list is the conversation
        }
        JsonNode leaf = leafId != null && entries.byId().containsKey(leafId) ? entries.byId().get(leafId)
                : entries.inOrder().get(entries.inOrder().size() - 1);
        return Branch.upFrom(leaf, entries::parent);
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
