package io.z3chat.persistence.chat;

/** {@code lastMessage}: the newest message's text on one line, at most 200 characters. */
public final class ChatPreview {

    public static final int MAX_LENGTH = 200;

    private ChatPreview() {
    }

    public static String of(String content) {
        // Only the head can show; folding a megabyte to keep 200 characters would be waste.
        return ChatTitles.cut(ChatTitles.oneLine(ChatTitles.cut(content, 4 * MAX_LENGTH)), MAX_LENGTH);
    }
}
