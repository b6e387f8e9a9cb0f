package io.z3chat.persistence.transfer;

import io.z3chat.persistence.message.BranchEntity;
import io.z3chat.persistence.message.Cursor;
import io.z3chat.persistence.message.MessageEntity;
import io.z3chat.persistence.transfer.imports.SourceConversation;
import io.z3chat.persistence.transfer.imports.SourceMessage;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The other versions of an imported tree as lines, the way the app would have made them: an answer to a
 * message that has none on its line yet continues that line, any further answer starts a new line. The
 * visible branch stays the original line (and selected). A message is never earlier than the one it
 * answers, so every path is in (timestamp, id) order; its id comes after its parent's.
 */
final class ImportedTree {

    private ImportedTree() {
    }

    /**
     * @param visible  the visible branch as stored, root first
     * @param others   the source's other versions, each after the message it answers
     * @param create   the stored form of a source message at a time (its id: the next position)
     * @param messages every message of the chat; the other versions are appended to it
     * @return the lines, in the order they fork
     */
    static List<BranchEntity> build(String user, String chatId, List<MessageEntity> visible,
                                    List<SourceConversation.Other> others, Instant start,
                                    BiFunction<SourceMessage, Instant, MessageEntity> create,
                                    List<MessageEntity> messages) {
        if (visible.isEmpty() || others.isEmpty()) {
            return List.of();
        }
        var placed = new ArrayList<MessageEntity>(visible); // by source index; null: left out
        var childOnLine = new HashMap<String, MessageEntity>();
        for (int i = 0; i + 1 < visible.size(); i++) {
            childOnLine.put(visible.get(i).id, visible.get(i + 1));
        }
        var lines = new ArrayList<BranchEntity>();
        var byId = new HashMap<String, BranchEntity>();
        var tips = new HashMap<String, Instant>();
        var last = visible.get(visible.size() - 1);
        for (var other : others) {
            MessageEntity parent = other.parent() < 0 ? null : placed.get(other.parent());
            if ((other.parent() >= 0 && parent == null) || parent == last && !childOnLine.containsKey(last.id)) {
                // Below a left-out message, or below the visible leaf: the source never shows it.
                placed.add(null);
                continue;
            }
            var own = other.message().timestamp();
            var floor = parent == null ? start : parent.timestamp;
            var time = own == null ? floor : own.truncatedTo(ChronoUnit.MILLIS);
            if (time.isBefore(floor)) {
                time = floor;
            }
            var message = create.apply(other.message(), time);
            String line = parent == null ? null : parent.branchId;
            var mainChild = parent == null ? visible.get(0) : childOnLine.get(parent.id);
            if (parent != null && mainChild == null) {
                message.branchId = line; // the first answer on the parent's line continues it
                childOnLine.put(parent.id, message);
            } else {
                message.branchId = message.id;
                message.parentId = parent == null ? null : parent.id;
                var branch = fork(user, chatId, message, parent, line, mainChild, byId);
                lines.add(branch);
                byId.put(branch.id, branch);
            }
            if (message.branchId != null) {
                tips.merge(message.branchId, time, (a, b) -> a.isAfter(b) ? a : b);
            }
            placed.add(message);
            messages.add(message);
        }
        newestUnder(lines, byId, tips);
        return lines;
    }

    private static BranchEntity fork(String user, String chatId, MessageEntity first, MessageEntity parent,
                                     String line, MessageEntity mainChild, Map<String, BranchEntity> byId) {
        var branch = new BranchEntity();
        branch.id = first.id;
        branch.userEmail = user;
        branch.chatId = chatId;
        branch.parentBranchId = line;
        branch.mainChildId = mainChild.id;
        branch.createdAt = first.timestamp;
        if (parent != null) {
            branch.forkAfterId = parent.id;
            branch.forkAfterAt = parent.timestamp;
            if (line != null) {
                branch.ancestors.addAll(byId.get(line).ancestors);
            }
            branch.ancestors.add(BranchEntity.Segment.of(line, new Cursor(parent.timestamp, parent.id)));
        }
        return branch;
    }

    /** Each line's newest message under it and the line it is on, children before their parents. */
    private static void newestUnder(List<BranchEntity> lines, Map<String, BranchEntity> byId, Map<String, Instant> tips) {
        for (var line : lines) {
            line.activityAt = tips.get(line.id);
            line.newestLeafId = line.id;
        }
        for (int i = lines.size() - 1; i >= 0; i--) {
            var line = lines.get(i);
            var parent = line.parentBranchId == null ? null : byId.get(line.parentBranchId);
            if (parent != null && line.activityAt.isAfter(parent.activityAt)) {
                parent.activityAt = line.activityAt;
                parent.newestLeafId = line.newestLeafId;
            }
        }
    }
}
