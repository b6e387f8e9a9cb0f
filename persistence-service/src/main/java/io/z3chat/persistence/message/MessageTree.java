package io.z3chat.persistence.message;

import io.z3chat.persistence.chat.ChatEntity;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The shape of a chat's message tree, read a line at a time: the selected path, the versions at the places a
 * page shows, where a message's parent is, and the newest-activity marks that say which path is the newest
 * under a message. Nothing here reads more than a page of messages or more than the lines it names.
 */
@ApplicationScoped
public class MessageTree {

    private static final Logger LOG = Logger.getLogger(MessageTree.class);
    private static final Comparator<BranchEntity> CREATED = Comparator.comparing((BranchEntity b) -> b.createdAt)
            .thenComparing(b -> b.id);

    private final MessageRepository messages;
    private final BranchRepository branches;

    MessageTree(MessageRepository messages, BranchRepository branches) {
        this.messages = messages;
        this.branches = branches;
    }

    /** The chat's selected path: one read of its leaf line's document, none for a linear chat. */
    public SelectedPath pathOf(String user, ChatEntity chat) {
        if (!chat.isBranched()) {
            return SelectedPath.WHOLE_CHAT;
        }
        if (chat.selectedBranchId == null) {
            return SelectedPath.originalLine();
        }
        return branches.findOwned(user, chat.id, chat.selectedBranchId).map(SelectedPath::of).orElseGet(() -> {
            // Selections are set only after their line is stored; a missing one means a damaged store.
            LOG.warnf("selected line missing chatId=%s branchId=%s, showing the original line", chat.id,
                    chat.selectedBranchId);
            return SelectedPath.originalLine();
        });
    }

    /**
     * The page's messages with their versions. {@code before} is the path's message right before the page
     * (null: the page starts the chat). One query on the fork index for the whole page.
     */
    List<Message> withVersions(String user, ChatEntity chat, List<MessageEntity> page, MessageEntity before) {
        if (!chat.isBranched() || page.isEmpty()) {
            return page.stream().map(Message::of).toList();
        }
        var parents = new ArrayList<String>(page.size());
        parents.add(before == null ? null : before.id);
        for (int i = 0; i < page.size() - 1; i++) {
            parents.add(page.get(i).id);
        }
        var forks = new HashMap<String, List<BranchEntity>>();
        for (var fork : branches.forkingAfter(user, chat.id, new HashSet<>(parents))) {
            forks.computeIfAbsent(key(fork.forkAfterId), k -> new ArrayList<>()).add(fork);
        }
        var shown = new ArrayList<Message>(page.size());
        for (int i = 0; i < page.size(); i++) {
            shown.add(Message.of(page.get(i), siblings(forks.get(key(parents.get(i))))));
        }
        return shown;
    }

    private static Message.Siblings siblings(List<BranchEntity> forks) {
        if (forks == null || forks.isEmpty()) {
            return null;
        }
        forks.sort(CREATED);
        var ids = new ArrayList<String>(forks.size() + 1);
        ids.add(forks.get(0).mainChildId);
        forks.forEach(f -> ids.add(f.id));
        return new Message.Siblings(ids);
    }

    private static String key(String parentId) {
        return parentId == null ? "" : parentId;
    }

    /** Where a new version of {@code target} forks: the message it answers and the line that message is on. */
    Fork forkFor(String user, ChatEntity chat, MessageEntity target) {
        MessageEntity parent;
        if (target.branchId != null && target.branchId.equals(target.id)) {
            parent = target.parentId == null ? null : messages.findOwned(user, target.parentId)
                    .filter(m -> m.chatId.equals(chat.id)).orElse(null);
        } else {
            parent = messages.previousOnLine(user, chat.id, target.branchId, !chat.isBranched(), Cursor.of(target));
        }
        return forkAfter(user, chat, parent);
    }

    /** A fork after {@code parent} (null: a new version of the chat's first message). */
    Fork forkAfter(String user, ChatEntity chat, MessageEntity parent) {
        String line = parent == null ? null : parent.branchId;
        var mainChild = messages.nextOnLine(user, chat.id, line, !chat.isBranched(),
                parent == null ? null : Cursor.of(parent));
        var ancestors = new ArrayList<BranchEntity.Segment>();
        if (parent != null) {
            if (line != null) {
                var parentLine = branches.findOwned(user, chat.id, line)
                        .orElseThrow(() -> new IllegalStateException("line " + line + " of chat " + chat.id + " is missing"));
                ancestors.addAll(parentLine.ancestors);
            }
            ancestors.add(BranchEntity.Segment.of(line, Cursor.of(parent)));
        }
        return new Fork(parent, line, mainChild, ancestors);
    }

    /**
     * Where a fork leaves the tree.
     *
     * @param parent    the message the new version answers; null at the chat's first message
     * @param line      the line {@code parent} is on (null: the original line)
     * @param mainChild the line's own answer to {@code parent}: version 1 there
     */
    record Fork(MessageEntity parent, String line, MessageEntity mainChild, List<BranchEntity.Segment> ancestors) {

        BranchEntity branch(String user, String chatId, String id, Instant createdAt) {
            var branch = new BranchEntity();
            branch.id = id;
            branch.userEmail = user;
            branch.chatId = chatId;
            branch.parentBranchId = line;
            branch.forkAfterId = parent == null ? null : parent.id;
            branch.forkAfterAt = parent == null ? null : parent.timestamp;
            branch.mainChildId = mainChild.id;
            branch.ancestors = new ArrayList<>(ancestors);
            branch.createdAt = createdAt;
            branch.activityAt = createdAt;
            branch.newestLeafId = id;
            return branch;
        }
    }

    /** The leaf line of the newest path under {@code message}: its own line, or a fork below it written to later. */
    String newestLeafUnder(String user, ChatEntity chat, MessageEntity message) {
        var fork = branches.newestForkFrom(user, chat.id, message.branchId, Cursor.of(message));
        if (fork == null) {
            return message.branchId;
        }
        var tip = messages.lineTip(user, chat.id, message.branchId, false);
        boolean forkIsNewer = tip == null || fork.activityAt.isAfter(tip.timestamp);
        return forkIsNewer ? fork.newestLeafId : message.branchId;
    }

    /** The last message of the selected path (what a tree export names as current); null for a linear chat. */
    public String currentMessageId(String user, ChatEntity chat) {
        if (!chat.isBranched()) {
            return null;
        }
        var tip = messages.lineTip(user, chat.id, chat.selectedBranchId, false);
        return tip == null ? null : tip.id;
    }

    /** Up to {@code limit} messages of the path after {@code cursor} (from its start when null), oldest first. */
    public List<MessageEntity> pathAfter(String user, String chatId, SelectedPath path, Cursor cursor, int limit) {
        return messages.newerOnPath(user, chatId, path, cursor, limit);
    }

    /** Marks {@code leaf} and the lines above it as holding their newest message, written at {@code at}. */
    void touch(String user, String chatId, String leaf, Instant at) {
        if (leaf == null) {
            return;
        }
        var ids = new ArrayList<String>();
        branches.findOwned(user, chatId, leaf).ifPresent(line -> line.ancestors.stream()
                .map(a -> a.branchId).filter(Objects::nonNull).forEach(ids::add));
        ids.add(leaf);
        branches.touch(user, chatId, ids, leaf, at);
    }
}
