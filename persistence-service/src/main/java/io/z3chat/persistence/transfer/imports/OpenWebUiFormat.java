package io.z3chat.persistence.transfer.imports;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.z3chat.persistence.transfer.imports.SourceFields.firstText;
import static io.z3chat.persistence.transfer.imports.SourceFields.hasText;
import static io.z3chat.persistence.transfer.imports.SourceFields.text;

/**
 * An Open WebUI chat: an entry of its export list ({@code {id, title, chat, created_at, pinned, archived, ...}})
 * or a bare {@code chat} object. Messages form a tree in {@code chat.history.messages}; the app shows the path
 * to {@code history.currentId}; the rest of the tree are the other versions.
 */
final class OpenWebUiFormat implements ConversationFormat {

    @Override
    public SourceConversation read(JsonNode node) {
        JsonNode wrapped = SourceFields.object(node, "chat");
        JsonNode chat = wrapped != null ? wrapped : node;
        JsonNode history = SourceFields.object(chat, "history");
        JsonNode list = SourceFields.list(chat, "messages");
        if (history == null && list == null) {
            throw new WrongShape("the chat has neither `history` nor `messages`");
        }
        JsonNode tree = history == null ? null : SourceFields.object(history, "messages");
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        if (tree != null) {
            tree.fields().forEachRemaining(e -> {
                if (e.getValue().isObject()) {
                    byId.put(firstText(text(e.getValue(), "id"), e.getKey()), e.getValue());
                }
            });
        }
        List<SourceMessage> messages = new ArrayList<>();
        List<JsonNode> visible = visibleBranch(byId, text(history, "currentId"), list);
        for (JsonNode message : visible) {
            SourceMessage shown = message(message);
            if (shown != null) {
                messages.add(shown);
            }
        }
        // Versions only where the shown branch is a path of the tree (not the plain messages list).
        boolean fromTree = !visible.isEmpty() && byId.containsValue(visible.get(visible.size() - 1));
        List<SourceConversation.Other> others = !fromTree ? List.of()
                : Branch.others(byId.values(), visible, m -> byId.get(text(m, "parentId")), OpenWebUiFormat::message);
        String id = text(node, "id");
        Instant created = wrapped != null ? SourceTimes.instant(node.get("created_at")) : null;
        return new SourceConversation(hasText(id) ? id : null, firstText(text(node, "title"), text(chat, "title")),
                created != null ? created : SourceTimes.instant(chat.get("timestamp")),
                wrapped != null && SourceFields.flag(node, "pinned"),
                wrapped != null && SourceFields.flag(node, "archived"), messages).withOthers(others);
    }

    private static SourceMessage message(JsonNode message) {
        if (!message.isObject()) {
            return null;
        }
        String role = text(message, "role");
        String content = text(message, "content");
        if (("user".equals(role) || "assistant".equals(role)) && hasText(content)) {
            return SourceMessage.text(role, content, SourceTimes.instant(message.get("timestamp")),
                    "assistant".equals(role) ? text(message, "model") : null);
        }
        return null;
    }

    private static List<JsonNode> visibleBranch(Map<String, JsonNode> byId, String currentId, JsonNode list) {
        JsonNode current = currentId == null ? null : byId.get(currentId);
        if (current != null) {
            return Branch.upFrom(current, m -> byId.get(text(m, "parentId")));
        }
        if (list != null && !list.isEmpty()) {
            List<JsonNode> inOrder = new ArrayList<>();
            list.forEach(inOrder::add);
            return inOrder;
        }
        return newestLeafBranch(byId);
    }

    /** Without a pointer: the newest leaf whose parents lead to a root, as the app opens such a chat. */
    private static List<JsonNode> newestLeafBranch(Map<String, JsonNode> byId) {
        Set<String> parents = new HashSet<>();
        byId.values().forEach(m -> parents.add(text(m, "parentId")));
        List<JsonNode> newest = List.of();
        double newestTime = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, JsonNode> leaf : byId.entrySet()) {
            if (parents.contains(leaf.getKey())) {
                continue;
            }
            List<JsonNode> branch = Branch.upFrom(leaf.getValue(), m -> byId.get(text(m, "parentId")));
            boolean reachesRoot = text(branch.get(0), "parentId") == null;
            double time = leaf.getValue().path("timestamp").asDouble(Double.NEGATIVE_INFINITY);
            if (reachesRoot && (newest.isEmpty() || time >= newestTime)) {
                newest = branch;
                newestTime = time;
            }
        }
        return newest;
    }
}
