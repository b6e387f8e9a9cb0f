package io.z3chat.persistence.transfer.imports;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static io.z3chat.persistence.transfer.imports.SourceFields.firstText;
import static io.z3chat.persistence.transfer.imports.SourceFields.text;

/**
 * ChatGPT's conversations.json: a tree of nodes in {@code mapping}; the app shows the path to {@code current_node},
 * the rest of the tree are the other versions.
 */
final class ChatGptFormat implements ConversationFormat {

    @Override
    public SourceConversation read(JsonNode conversation) {
        JsonNode mapping = SourceFields.object(conversation, "mapping");
        String defaultModel = text(conversation, "default_model_slug");
        List<SourceMessage> messages = new ArrayList<>();
        List<SourceConversation.Other> others = List.of();
        if (mapping != null) {
            List<JsonNode> visible = visibleBranch(mapping, text(conversation, "current_node"));
            for (JsonNode node : visible) {
                SourceMessage message = message(node.path("message"), defaultModel);
                if (message != null) {
                    messages.add(message);
                }
            }
            List<JsonNode> all = new ArrayList<>();
            mapping.elements().forEachRemaining(n -> {
                if (n.isObject()) {
                    all.add(n);
                }
            });
            others = Branch.others(all, visible, n -> node(mapping, text(n, "parent")),
                    n -> message(n.path("message"), defaultModel));
        }
        return new SourceConversation(firstText(text(conversation, "id"), text(conversation, "conversation_id")),
                text(conversation, "title"), SourceTimes.instant(conversation.get("create_time")), false, false,
                messages).withOthers(others);
    }

    private static List<JsonNode> visibleBranch(JsonNode mapping, String currentNode) {
        JsonNode current = node(mapping, currentNode);
        if (current != null) {
            return Branch.upFrom(current, n -> node(mapping, text(n, "parent")));
        }
        // No usable current_node (missing, or a fragment of a mapping that lacks it): from the first root,
        // the newest child at each step, as ChatGPT shows a conversation it has no pointer for.
        for (Iterator<JsonNode> nodes = mapping.elements(); nodes.hasNext(); ) {
            JsonNode candidate = nodes.next();
            if (candidate.isObject() && node(mapping, text(candidate, "parent")) == null) {
                return Branch.downFrom(candidate, n -> lastChild(mapping, n));
            }
        }
        return List.of();
    }

    private static JsonNode node(JsonNode mapping, String id) {
        JsonNode node = id == null ? null : mapping.get(id);
        return node != null && node.isObject() ? node : null;
    }

    private static JsonNode lastChild(JsonNode mapping, JsonNode node) {
        JsonNode children = node.path("children");
        for (int i = children.isArray() ? children.size() - 1 : -1; i >= 0; i--) {
            JsonNode child = node(mapping, children.get(i).textValue());
            if (child != null) {
                return child;
            }
        }
        return null;
    }

    /** Null for what the app does not show as a chat message: system and tool nodes, code, browsing, images only. */
    private static SourceMessage message(JsonNode message, String defaultModel) {
        String role = message.path("author").path("role").textValue();
        JsonNode parts = message.path("content").path("parts");
        if (!("user".equals(role) || "assistant".equals(role)) || !parts.isArray()) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        boolean shown = false;
        for (JsonNode part : parts) {
            if (part.isTextual()) {
                texts.add(part.textValue());
                shown |= SourceFields.hasText(part.textValue());
            }
        }
        if (!shown) {
            return null;
        }
        String model = "assistant".equals(role) ? firstText(text(message.path("metadata"), "model_slug"), defaultModel) : null;
        return SourceMessage.text(role, String.join("\n", texts), SourceTimes.instant(message.get("create_time")), model);
    }
}
