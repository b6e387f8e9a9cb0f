package io.z3chat.persistence.transfer.imports;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static io.z3chat.persistence.transfer.imports.SourceFields.firstText;
import static io.z3chat.persistence.transfer.imports.SourceFields.hasText;
import static io.z3chat.persistence.transfer.imports.SourceFields.text;

/**
 * A LibreChat conversation export: messages flat and linked by {@code parentMessageId}, or nested under
 * {@code children} ({@code recursive: true}). It has no pointer to the shown branch; LibreChat shows the newest
 * sibling, so the branch is the last root and then the last child in export order; the other siblings are the
 * other versions.
 */
final class LibreChatFormat implements ConversationFormat {

    private static final String NO_PARENT = "00000000-0000-0000-0000-000000000000";

    /** A message with the parent it hangs from, by nesting or by link. */
    private record Entry(JsonNode message, String parentId) {
    }

    @Override
    public SourceConversation read(JsonNode conversation) {
        JsonNode tree = SourceFields.list(conversation, "messages");
        if (tree == null) {
            tree = SourceFields.list(conversation, "messagesTree"); // the key of older exports
        }
        List<Entry> entries = tree == null ? List.of() : flatten(tree);
        String conversationModel = text(conversation.path("options"), "model");
        List<SourceMessage> messages = new ArrayList<>();
        Map<String, Entry> byId = byId(entries);
        List<Entry> visible = visibleBranch(entries, byId);
        for (Entry entry : visible) {
            SourceMessage message = message(entry.message(), conversationModel);
            if (message != null) {
                messages.add(message);
            }
        }
        List<SourceConversation.Other> others = Branch.others(entries, visible, e -> parentOf(e, byId),
                e -> message(e.message(), conversationModel));
        // The export's own time (exportAt) has no date, so the conversation began with its earliest message.
        Instant created = SourceTimes.instant(conversation.get("createdAt"));
        return new SourceConversation(text(conversation, "conversationId"), text(conversation, "title"),
                created != null ? created : earliest(entries), false, false, messages).withOthers(others);
    }

    private static Instant earliest(List<Entry> entries) {
        Instant earliest = null;
        for (Entry entry : entries) {
            Instant created = SourceTimes.instant(entry.message().get("createdAt"));
            if (created != null && (earliest == null || created.isBefore(earliest))) {
                earliest = created;
            }
        }
        return earliest;
    }

    /** Every message in export order, a parent before its children. */
    private static List<Entry> flatten(JsonNode tree) {
        List<Entry> entries = new ArrayList<>();
        Deque<Entry> pending = new ArrayDeque<>();
        pushAll(pending, tree, null);
        while (!pending.isEmpty()) {
            Entry entry = pending.pop();
            entries.add(entry);
            JsonNode children = entry.message().get("children");
            if (children != null && children.isArray()) {
                pushAll(pending, children, text(entry.message(), "messageId"));
            }
        }
        return entries;
    }

    private static void pushAll(Deque<Entry> pending, JsonNode messages, String nestedIn) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode message = messages.get(i);
            if (message.isObject()) {
                pending.push(new Entry(message, firstText(nestedIn, text(message, "parentMessageId"))));
            }
        }
    }

    private static Map<String, Entry> byId(List<Entry> entries) {
        Map<String, Entry> byId = new HashMap<>();
        for (Entry entry : entries) {
            String id = text(entry.message(), "messageId");
            if (id != null) {
                byId.putIfAbsent(id, entry);
            }
        }
        return byId;
    }

    private static Entry parentOf(Entry entry, Map<String, Entry> byId) {
        Entry parent = NO_PARENT.equals(entry.parentId()) || entry.parentId() == null ? null : byId.get(entry.parentId());
        return parent == entry ? null : parent;
    }

    private static List<Entry> visibleBranch(List<Entry> entries, Map<String, Entry> byId) {
        Map<Entry, Entry> lastChild = new IdentityHashMap<>();
        Entry lastRoot = null;
        for (Entry entry : entries) {
            Entry parent = parentOf(entry, byId);
            if (parent == null || parent == entry) {
                lastRoot = entry; // a parent the export lacks makes a root too
            } else {
                lastChild.put(parent, entry);
            }
        }
        return lastRoot == null ? List.of() : Branch.downFrom(lastRoot, lastChild::get);
    }

    private static SourceMessage message(JsonNode message, String conversationModel) {
        String content = text(message, "text");
        if (!hasText(content)) {
            content = textParts(message.get("content"));
        }
        if (!hasText(content)) {
            return null;
        }
        boolean user = SourceFields.flag(message, "isCreatedByUser");
        return SourceMessage.text(user ? "user" : "assistant", content,
                SourceTimes.instant(message.get("createdAt")),
                user ? null : firstText(text(message, "model"), conversationModel));
    }

    /** Newer replies keep their text in typed parts; {@code text} is a string or, in some versions, {@code {value}}. */
    private static String textParts(JsonNode content) {
        if (content == null || !content.isArray()) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode part : content) {
            JsonNode text = part.path("text");
            String value = text.isTextual() ? text.textValue() : text(text, "value");
            if ("text".equals(text(part, "type")) && hasText(value)) {
                texts.add(value);
            }
        }
        return String.join("\n\n", texts);
    }
}
