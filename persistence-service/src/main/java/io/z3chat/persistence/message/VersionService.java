package io.z3chat.persistence.message;

import io.z3chat.persistence.chat.ChatEntity;
import io.z3chat.persistence.chat.ChatRepository;
import io.z3chat.persistence.chat.ChatService;
import io.z3chat.persistence.common.Ids;
import io.z3chat.persistence.error.ApiException;
import io.z3chat.persistence.ratelimit.MessageRateLimit;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Versions of messages: an edit (a new version of a user message) or a regenerate (a new version of a reply)
 * starts a new line after the message the old one answered, keeps the old one and all under it, and selects
 * the new one; a switch selects the path through a message and the newest path under it.
 */
@ApplicationScoped
public class VersionService {

    private static final Logger LOG = Logger.getLogger(VersionService.class);

    private final MessageService messageService;
    private final MessageRepository messages;
    private final BranchRepository branches;
    private final ChatRepository chats;
    private final ChatService chatService;
    private final MessageTree tree;
    private final MessagePager pager;
    private final MessageRateLimit rateLimit;

    VersionService(MessageService messageService, MessageRepository messages, BranchRepository branches,
                   ChatRepository chats, ChatService chatService, MessageTree tree, MessagePager pager,
                   MessageRateLimit rateLimit) {
        this.messageService = messageService;
        this.messages = messages;
        this.branches = branches;
        this.chats = chats;
        this.chatService = chatService;
        this.tree = tree;
        this.pager = pager;
        this.rateLimit = rateLimit;
    }

    /** @return the new version (created) or the one a retry of the same id already made */
    public MessageService.Stored addVersion(String user, String chatId, String targetId, VersionRequest request) {
        var chat = chatService.requireVisible(user, chatId);
        var target = messageService.findInChat(user, chatId, targetId);
        boolean edit = "user".equals(target.role);
        if (!edit && !"assistant".equals(target.role)) {
            throw ApiException.invalid("only user messages (edit) and replies (regenerate) have versions");
        }
        if (edit && request.content() == null) {
            throw ApiException.invalid("a new version of a user message needs content");
        }
        if (!edit && request.content() != null) {
            throw ApiException.invalid("a regenerated reply starts empty: send no content, the generation writes it");
        }
        if (edit) {
            messageService.requireContentFits(request.content());
        }
        var id = request.id();
        var stored = messageService.findOrInsert(user, id, () -> {
            // an edit is a new user message: it counts against the message limit like a send (a retry does not)
            var admission = edit ? rateLimit.admit(user) : null;
            MessageEntity inserted = null;
            try {
                var fork = tree.forkFor(user, chat, target);
                if (!chat.isBranched()) {
                    chats.markBranched(user, chatId);
                    chat.branched = true;
                }
                var message = MessageService.newMessage(user, chatId, id, target.role, edit ? request.content() : "",
                        edit ? MessageStatus.COMPLETE : MessageStatus.STREAMING);
                message.model = request.model();
                message.branchId = id;
                message.parentId = fork.parent() == null ? null : fork.parent().id;
                inserted = messageService.insert(user, message, null);
                if (inserted != null) {
                    recordLine(user, chat, fork, inserted);
                }
                return inserted;
            } finally {
                if (inserted == null && admission != null) {
                    rateLimit.giveBack(admission); // not stored: the id was taken meanwhile
                }
            }
        });
        if (!stored.created()) {
            var existing = stored.message();
            if (!existing.chatId.equals(chatId)) {
                throw ApiException.conflict("message id is already used in another chat");
            }
            if (!existing.id.equals(existing.branchId)) {
                throw ApiException.conflict("message id is already used by another message of this chat");
            }
            if (branches.findOwned(user, chatId, existing.id).isEmpty()) {
                // A first try that stopped between storing the message and its line: finish it.
                var parent = existing.parentId == null ? null : messages.findOwned(user, existing.parentId).orElse(null);
                recordLine(user, chat, tree.forkAfter(user, chat, parent), existing);
            }
        }
        return stored;
    }

    private void recordLine(String user, ChatEntity chat, MessageTree.Fork fork, MessageEntity first) {
        if (fork.mainChild() == null || fork.mainChild().id.equals(first.id)) {
            throw new IllegalStateException("fork without a first version in chat " + chat.id);
        }
        if (branches.insertIfAbsent(fork.branch(first.userEmail, chat.id, first.id, first.timestamp))) {
            chats.select(user, chat.id, first.id, null);
            tree.touch(user, chat.id, first.id, first.timestamp);
            LOG.infof("version added chatId=%s messageId=%s role=%s after=%s", chat.id, first.id, first.role,
                    fork.parent() == null ? "-" : fork.parent().id);
        }
    }

    /** The message as a version: its place among its siblings. */
    public Message shown(String user, String chatId, MessageEntity message) {
        var chat = chatService.requireVisible(user, chatId);
        MessageEntity parent = message.parentId == null ? null : messages.findOwned(user, message.parentId).orElse(null);
        return tree.withVersions(user, chat, List.of(message), parent).get(0);
    }

    /** Selects the path through the message and the newest path under it; answers the page around it. */
    public MessagePage select(String user, String chatId, SelectionRequest request, String limitParam) {
        int limit = MessagePager.limit(limitParam);
        var chat = chatService.requireVisible(user, chatId);
        var message = messageService.findInChat(user, chatId, Ids.require(request.messageId(), "messageId"));
        var expected = request.selectionVersion();
        if (expected != null && expected != chat.selectionVersion) {
            throw ApiException.versionConflict(chat.selectionVersion);
        }
        if (!chat.isBranched()) {
            return pager.around(user, chat, message, limit); // one line: every message is on the path
        }
        var leaf = tree.newestLeafUnder(user, chat, message);
        var selected = chats.select(user, chatId, leaf, expected);
        if (selected == null) {
            throw ApiException.versionConflict(chatService.requireVisible(user, chatId).selectionVersion);
        }
        LOG.infof("version selected chatId=%s messageId=%s leaf=%s", chatId, message.id, leaf == null ? "-" : leaf);
        return pager.around(user, selected, message, limit);
    }
}
