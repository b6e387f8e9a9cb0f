package io.z3chat.persistence.transfer;

import io.z3chat.persistence.message.MessageEntity;

import java.util.HashMap;
import java.util.Map;

/**
 * The parent of each message of one chat, told while its messages pass in (timestamp, id) order: the first
 * message of a line names its parent, any other answers the message before it on its line. Holds one id per
 * line, never the chat.
 */
final class TreeLinks {

    private final boolean branched;
    private final Map<String, String> lastOnLine = new HashMap<>();

    TreeLinks(boolean branched) {
        this.branched = branched;
    }

    /** @return the message it answers; null for a first message, and always null in a linear chat */
    String parentOf(MessageEntity message) {
        if (!branched) {
            return null;
        }
        var line = message.branchId == null ? "" : message.branchId;
        var parent = message.id.equals(message.branchId) ? message.parentId : lastOnLine.get(line);
        lastOnLine.put(line, message.id);
        return parent;
    }
}
