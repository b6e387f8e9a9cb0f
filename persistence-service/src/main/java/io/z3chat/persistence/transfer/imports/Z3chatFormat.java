package io.z3chat.persistence.transfer.imports;

import com.fasterxml.jackson.databind.JsonNode;
import io.z3chat.persistence.message.MessageError;
import io.z3chat.persistence.message.MessageStatus;
import io.z3chat.persistence.message.Timing;
import io.z3chat.persistence.message.Usage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.z3chat.persistence.transfer.imports.SourceFields.hasText;
import static io.z3chat.persistence.transfer.imports.SourceFields.text;

/**
 * A chat of this app's own export ({@code "format": "z3chat.export"}), read back with everything it carries: a chat
 * with versions (messages with {@code parentId}) comes back as its tree, the path to {@code currentMessageId} shown.
 */
final class Z3chatFormat implements ConversationFormat {

    static final String FORMAT = "z3chat.export";
    static final int VERSION = 1;

    private static final Set<String> ROLES = Set.of("user", "assistant", "system");
    private static final Set<String> FINAL_STATUSES =
            Set.of(MessageStatus.COMPLETE, MessageStatus.INTERRUPTED, MessageStatus.CANCELLED, MessageStatus.ERROR);

    /** An export of a newer app version may mean what this one cannot tell; no version is taken as the first. */
    static void checkVersion(JsonNode version) {
        if (version == null || version.isNull()) {
            return;
        }
        if (!version.isIntegralNumber() || version.longValue() < 1) {
            throw new ImportFileException("z3chat export version " + version + " is not a version this app knows");
        }
        if (version.longValue() > VERSION) {
            throw new ImportFileException("z3chat export version " + version + " is newer than this app reads");
        }
    }

    @Override
    public SourceConversation read(JsonNode chat) {
        JsonNode list = SourceFields.list(chat, "messages");
        List<JsonNode> all = new ArrayList<>();
        boolean tree = false;
        if (list != null) {
            for (JsonNode message : list) {
                if (message.isObject()) {
                    all.add(message);
                    tree |= text(message, "parentId") != null;
                }
            }
        }
        List<JsonNode> visible = all;
        List<SourceConversation.Other> others = List.of();
        if (tree) {
            // A chat with versions: the path to currentMessageId (or to the last message) is the one it showed.
            Map<String, JsonNode> byId = new HashMap<>();
            all.forEach(m -> byId.putIfAbsent(String.valueOf(text(m, "id")), m));
            JsonNode current = byId.getOrDefault(String.valueOf(text(chat, "currentMessageId")), all.get(all.size() - 1));
            visible = Branch.upFrom(current, m -> byId.get(String.valueOf(text(m, "parentId"))));
            others = Branch.others(all, visible, m -> byId.get(String.valueOf(text(m, "parentId"))), Z3chatFormat::message);
        }
        List<SourceMessage> messages = new ArrayList<>();
        for (JsonNode message : visible) {
            SourceMessage read = message(message);
            if (read != null) {
                messages.add(read);
            }
        }
        return new SourceConversation(text(chat, "id"), text(chat, "title"), SourceTimes.instant(chat.get("createdAt")),
                SourceFields.flag(chat, "pinned"), SourceFields.flag(chat, "archived"), messages,
                text(chat, "titleSource")).withOthers(others);
    }

    /** Our own export: every stored message comes back, an empty cancelled or failed reply too. */
    private static SourceMessage message(JsonNode message) {
        String role = text(message, "role");
        String content = text(message, "content");
        if (role == null || !ROLES.contains(role) || content == null) {
            return null;
        }
        return new SourceMessage(role, content, SourceTimes.instant(message.get("timestamp")),
                text(message, "model"), status(text(message, "status")), text(message, "provider"),
                usage(message.get("usage")), timing(message.get("timing")), error(message.get("error")));
    }

    /** A reply still streaming when the export was taken will never finish; one of unknown status has none. */
    private static String status(String status) {
        if (MessageStatus.STREAMING.equals(status)) {
            return MessageStatus.INTERRUPTED;
        }
        return status != null && FINAL_STATUSES.contains(status) ? status : null;
    }

    // Numbers the store would refuse (negative, fractional counts) are left out rather than losing the message.

    private static Usage usage(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        return new Usage(count(usage, "promptTokens"), count(usage, "completionTokens"), count(usage, "totalTokens"),
                amount(usage, "cost"));
    }

    private static Timing timing(JsonNode timing) {
        if (timing == null || !timing.isObject()) {
            return null;
        }
        return new Timing(count(timing, "ttftMs"), count(timing, "durationMs"), amount(timing, "tokensPerSecond"));
    }

    private static MessageError error(JsonNode error) {
        String code = text(error, "code");
        return hasText(code) ? new MessageError(code, text(error, "message")) : null;
    }

    private static Long count(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0 ? value.longValue() : null;
    }

    private static Double amount(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() && value.doubleValue() >= 0 ? value.doubleValue() : null;
    }
}
