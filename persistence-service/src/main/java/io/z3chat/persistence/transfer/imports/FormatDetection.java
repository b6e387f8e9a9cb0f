package io.z3chat.persistence.transfer.imports;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Tells an export's format from its content: the fields each app writes, never the file name. */
final class FormatDetection {

    private FormatDetection() {
    }

    /** The format an entry of a top-level list belongs to, or null when the entry tells nothing. */
    static ImportFormat ofEntry(JsonNode entry) {
        if (!entry.isObject()) {
            return null;
        }
        if (entry.has("mapping") || entry.has("current_node")) {
            return ImportFormat.CHATGPT;
        }
        if (entry.has("chat_messages")) {
            return ImportFormat.CLAUDE;
        }
        JsonNode chat = entry.path("chat");
        if (chat.isObject() && (chat.has("history") || chat.has("messages")) || isOpenWebUiChat(entry)) {
            return ImportFormat.OPENWEBUI;
        }
        return null;
    }

    /** The format of a top-level object read whole, or null when it is none this app knows. */
    static ImportFormat ofRoot(JsonNode root) {
        if (isZ3chat(root)) {
            return ImportFormat.Z3CHAT;
        }
        if (root.has("conversationId") && (root.has("messages") || root.has("messagesTree"))) {
            return ImportFormat.LIBRECHAT;
        }
        if (root.path("history").isArray() && root.has("version")) {
            return ImportFormat.CHATBOTUI;
        }
        // One conversation of a list format, uploaded on its own (claude.ai serves single conversations so).
        return ofEntry(root);
    }

    static boolean isZ3chat(JsonNode root) {
        return Z3chatFormat.FORMAT.equals(root.path("format").textValue());
    }

    /** The conversations a top-level object of the given format holds. */
    static List<JsonNode> conversations(ImportFormat format, JsonNode root) {
        String field = switch (format) {
            case Z3CHAT -> "chats";
            case CHATBOTUI -> "history";
            default -> null;
        };
        if (field == null) {
            return List.of(root);
        }
        JsonNode list = root.get(field);
        if (list != null && !list.isNull() && !list.isArray()) {
            throw new ImportFileException("the export's `" + field + "` is " + SourceFields.kind(list) + ", not a list");
        }
        List<JsonNode> conversations = new ArrayList<>();
        if (list != null) {
            list.forEach(conversations::add);
        }
        return conversations;
    }

    /** How an object of no known format is described to the user: its first field names. */
    static String describe(JsonNode root) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext() && names.size() < 6; ) {
            names.add(it.next());
        }
        return names.isEmpty() ? "an empty object" : "an object with the fields " + String.join(", ", names)
                + (root.size() > names.size() ? ", ..." : "");
    }

    /** A bare Open WebUI chat: a {@code history} object with the chat's messages or models beside it. */
    private static boolean isOpenWebUiChat(JsonNode node) {
        JsonNode history = node.path("history");
        return history.isObject() && (node.has("messages") || node.has("models") || history.has("messages"));
    }
}
