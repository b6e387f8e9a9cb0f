package io.z3chat.persistence.message;

import io.z3chat.persistence.chat.Chat;

import java.util.List;

/**
 * One page of a chat's messages, oldest to newest. {@code nextCursor} goes back in time (pass
 * it as {@code before}), {@code newerCursor} forward (pass it as {@code after}).
 */
public record MessagePage(String chatId, String title, Chat chat, List<Message> messages,
                          boolean hasMore, String nextCursor, boolean hasNewer, String newerCursor) {
}
