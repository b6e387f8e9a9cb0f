package io.z3chat.persistence.chat;

import java.util.List;

/** A page of the chat list with the total that matches the filter. */
public record ChatList(List<ChatSummary> chats, long total, int limit, int offset) {
}
