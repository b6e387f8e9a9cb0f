package io.z3chat.persistence.message;

import io.z3chat.persistence.chat.Chat;
import io.z3chat.persistence.chat.ChatService;
import io.z3chat.persistence.common.Ids;
import io.z3chat.persistence.common.QueryParams;
import io.z3chat.persistence.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Pages of a chat's messages in (timestamp, id) order: the newest page, {@code before} or
 * {@code after} a cursor, or {@code around} one message. Each page costs one indexed range read
 * plus at most one single-document probe for the other direction.
 */
@ApplicationScoped
public class MessagePager {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    private final MessageRepository messages;
    private final ChatService chats;
    private final MessageService messageService;

    MessagePager(MessageRepository messages, ChatService chats, MessageService messageService) {
        this.messages = messages;
        this.chats = chats;
        this.messageService = messageService;
    }

    public MessagePage page(String user, String chatId, String limitParam, String before, String after, String around) {
        int limit = QueryParams.intInRange(limitParam, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        if (present(before) + present(after) + present(around) > 1) {
            throw ApiException.invalid("use at most one of before, after and around");
        }
        var beforeCursor = Cursor.decodeOptional(before, "before");
        var afterCursor = Cursor.decodeOptional(after, "after");
        var chat = chats.requireVisible(user, chatId);
        Window window;
        if (around != null && !around.isEmpty()) {
            window = around(user, chatId, messageService.findInChat(user, chatId, Ids.require(around, "around")), limit);
        } else if (afterCursor != null) {
            window = after(user, chatId, afterCursor, limit);
        } else {
            window = before(user, chatId, beforeCursor, limit);
        }
        return new MessagePage(chat.id, chat.title, Chat.of(chat), window.messages.stream().map(Message::of).toList(),
                window.hasOlder, window.hasOlder ? window.olderCursor.encode() : null,
                window.hasNewer, window.hasNewer ? window.newerCursor.encode() : null);
    }

    private Window before(String user, String chatId, Cursor cursor, int limit) {
        var rows = messages.olderThan(user, chatId, cursor, limit + 1);
        boolean hasOlder = rows.size() > limit;
        var page = new ArrayList<>(rows.subList(0, Math.min(limit, rows.size())));
        Collections.reverse(page);
        // The newest page has nothing newer by definition; a page back in time asks once.
        var newestEdge = page.isEmpty() ? cursor : Cursor.of(page.get(page.size() - 1));
        boolean hasNewer = newestEdge != null && cursor != null && !messages.newerThan(user, chatId, newestEdge, 1).isEmpty();
        return new Window(page, hasOlder, oldestEdge(page, cursor), hasNewer, newestEdge);
    }

    private Window after(String user, String chatId, Cursor cursor, int limit) {
        var rows = messages.newerThan(user, chatId, cursor, limit + 1);
        boolean hasNewer = rows.size() > limit;
        var page = new ArrayList<>(rows.subList(0, Math.min(limit, rows.size())));
        var oldestEdge = oldestEdge(page, cursor);
        boolean hasOlder = !messages.olderThan(user, chatId, oldestEdge, 1).isEmpty();
        var newestEdge = page.isEmpty() ? cursor : Cursor.of(page.get(page.size() - 1));
        return new Window(page, hasOlder, oldestEdge, hasNewer, newestEdge);
    }

    /** The anchor with as many messages before as after it, filled from the other side near either end. */
    private Window around(String user, String chatId, MessageEntity anchor, int limit) {
        var at = Cursor.of(anchor);
        var older = messages.olderThan(user, chatId, at, limit);
        var newer = messages.newerThan(user, chatId, at, limit);
        int others = limit - 1;
        int takeOlder = Math.min(older.size(), others / 2);
        int takeNewer = Math.min(newer.size(), others - takeOlder);
        takeOlder = Math.min(older.size(), others - takeNewer);
        var page = new ArrayList<>(older.subList(0, takeOlder));
        Collections.reverse(page);
        page.add(anchor);
        page.addAll(newer.subList(0, takeNewer));
        return new Window(page, older.size() > takeOlder, Cursor.of(page.get(0)),
                newer.size() > takeNewer, Cursor.of(page.get(page.size() - 1)));
    }

    private static Cursor oldestEdge(List<MessageEntity> page, Cursor fallback) {
        return page.isEmpty() ? fallback : Cursor.of(page.get(0));
    }

    private static int present(String value) {
        return value == null || value.isEmpty() ? 0 : 1;
    }

    private record Window(List<MessageEntity> messages, boolean hasOlder, Cursor olderCursor,
                          boolean hasNewer, Cursor newerCursor) {
    }
}
