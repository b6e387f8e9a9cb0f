package io.z3chat.persistence.message;

import io.z3chat.persistence.chat.Chat;
import io.z3chat.persistence.chat.ChatEntity;
import io.z3chat.persistence.chat.ChatService;
import io.z3chat.persistence.common.Ids;
import io.z3chat.persistence.common.QueryParams;
import io.z3chat.persistence.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Pages of a chat's selected path in (timestamp, id) order: the newest page, {@code before} or
 * {@code after} a cursor, or {@code around} one message. A linear chat's path is the whole chat. Each
 * page costs one indexed range read (one clause per path segment it can reach) plus at most one probe
 * for the other direction, and, in a branched chat, one read of the leaf line and one of the versions at
 * the page's own messages.
 */
@ApplicationScoped
public class MessagePager {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    private final MessageRepository messages;
    private final ChatService chats;
    private final MessageService messageService;
    private final MessageTree tree;

    MessagePager(MessageRepository messages, ChatService chats, MessageService messageService, MessageTree tree) {
        this.messages = messages;
        this.chats = chats;
        this.messageService = messageService;
        this.tree = tree;
    }

    public MessagePage page(String user, String chatId, String limitParam, String before, String after, String around) {
        int limit = limit(limitParam);
        if (present(before) + present(after) + present(around) > 1) {
            throw ApiException.invalid("use at most one of before, after and around");
        }
        var beforeCursor = Cursor.decodeOptional(before, "before");
        var afterCursor = Cursor.decodeOptional(after, "after");
        var chat = chats.requireVisible(user, chatId);
        if (around != null && !around.isEmpty()) {
            return around(user, chat, messageService.findInChat(user, chatId, Ids.require(around, "around")), limit);
        }
        var path = tree.pathOf(user, chat);
        var window = afterCursor != null ? after(user, chat, path, afterCursor, limit)
                : before(user, chat, path, beforeCursor, limit);
        return page(user, chat, window);
    }

    /** The page centred on {@code anchor}, which must be on the selected path. */
    MessagePage around(String user, ChatEntity chat, MessageEntity anchor, int limit) {
        var path = tree.pathOf(user, chat);
        if (!path.contains(anchor)) {
            throw ApiException.conflict("message " + anchor.id + " is a version that is not selected; "
                    + "select it first (PUT /chats/" + chat.id + "/selection)");
        }
        return page(user, chat, around(user, chat.id, path, anchor, limit));
    }

    static int limit(String limitParam) {
        return QueryParams.intInRange(limitParam, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
    }

    private MessagePage page(String user, ChatEntity chat, Window window) {
        return new MessagePage(chat.id, chat.title, Chat.of(chat),
                tree.withVersions(user, chat, window.messages, window.previous),
                window.hasOlder, window.hasOlder ? window.olderCursor.encode() : null,
                window.hasNewer, window.hasNewer ? window.newerCursor.encode() : null);
    }

    private Window before(String user, ChatEntity chat, SelectedPath path, Cursor cursor, int limit) {
        var rows = messages.olderOnPath(user, chat.id, path, cursor, limit + 1);
        boolean hasOlder = rows.size() > limit;
        var page = new ArrayList<>(rows.subList(0, Math.min(limit, rows.size())));
        Collections.reverse(page);
        // The newest page has nothing newer by definition; a page back in time asks once.
        var newestEdge = page.isEmpty() ? cursor : Cursor.of(page.get(page.size() - 1));
        boolean hasNewer = newestEdge != null && cursor != null
                && !messages.newerOnPath(user, chat.id, path, newestEdge, 1).isEmpty();
        return new Window(page, hasOlder ? rows.get(limit) : null, hasOlder, oldestEdge(page, cursor), hasNewer,
                newestEdge);
    }

    private Window after(String user, ChatEntity chat, SelectedPath path, Cursor cursor, int limit) {
        var rows = messages.newerOnPath(user, chat.id, path, cursor, limit + 1);
        boolean hasNewer = rows.size() > limit;
        var page = new ArrayList<>(rows.subList(0, Math.min(limit, rows.size())));
        var oldestEdge = oldestEdge(page, cursor);
        var previous = messages.olderOnPath(user, chat.id, path, oldestEdge, 1);
        var newestEdge = page.isEmpty() ? cursor : Cursor.of(page.get(page.size() - 1));
        return new Window(page, previous.isEmpty() ? null : previous.get(0), !previous.isEmpty(), oldestEdge,
                hasNewer, newestEdge);
    }

    /** The anchor with as many messages before as after it, filled from the other side near either end. */
    private Window around(String user, String chatId, SelectedPath path, MessageEntity anchor, int limit) {
        var at = Cursor.of(anchor);
        var older = messages.olderOnPath(user, chatId, path, at, limit);
        var newer = messages.newerOnPath(user, chatId, path, at, limit);
        int others = limit - 1;
        int takeOlder = Math.min(older.size(), others / 2);
        int takeNewer = Math.min(newer.size(), others - takeOlder);
        takeOlder = Math.min(older.size(), others - takeNewer);
        var page = new ArrayList<>(older.subList(0, takeOlder));
        Collections.reverse(page);
        page.add(anchor);
        page.addAll(newer.subList(0, takeNewer));
        return new Window(page, older.size() > takeOlder ? older.get(takeOlder) : null, older.size() > takeOlder,
                Cursor.of(page.get(0)), newer.size() > takeNewer, Cursor.of(page.get(page.size() - 1)));
    }

    private static Cursor oldestEdge(List<MessageEntity> page, Cursor fallback) {
        return page.isEmpty() ? fallback : Cursor.of(page.get(0));
    }

    private static int present(String value) {
        return value == null || value.isEmpty() ? 0 : 1;
    }

    /** @param previous the path's message right before the page (null: none, the page starts the chat) */
    private record Window(List<MessageEntity> messages, MessageEntity previous, boolean hasOlder, Cursor olderCursor,
                          boolean hasNewer, Cursor newerCursor) {
    }
}
