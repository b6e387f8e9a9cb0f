package io.z3chat.persistence.chat;

/** {@code POST /chats}: both optional; an id lets the browser name the chat before it exists. */
public record CreateChatRequest(String id, String title) {
}
