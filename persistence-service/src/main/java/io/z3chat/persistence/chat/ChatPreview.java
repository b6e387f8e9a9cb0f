package io.z3chat.persistence.chat;

/** {@code lastMessage}: the newest message's text on one line, at most 200 characters. */
public final class ChatPreview {

    public static final int MAX_LENGTH = 200;

    private ChatPreview() {
    }

    public static String of(String content) {
        return ChatTitles.cut(ChatTitles.oneLine(content, MAX_LENGTH), MAX_LENGTH);
    }
}
