package io.z3chat.persistence.chat;

import io.z3chat.persistence.error.ApiException;

/** The rules for a title someone sends, and the automatic one taken from a first message. */
public final class ChatTitles {

    public static final int MAX_LENGTH = 200;
    public static final String PLACEHOLDER = "New chat";
    private static final int AUTO_WORDS = 8;
    private static final int AUTO_LENGTH = 60;

    private ChatTitles() {
    }

    /** Trimmed (no-break spaces too), 1..200 characters (code points), no control characters; otherwise a 400. */
    public static String normalize(String raw) {
        var title = trim(raw);
        if (title.isEmpty()) {
            throw ApiException.invalid("title must not be blank");
        }
        if (title.codePointCount(0, title.length()) > MAX_LENGTH) {
            throw ApiException.invalid("title must be at most " + MAX_LENGTH + " characters");
        }
        if (title.codePoints().anyMatch(ChatTitles::isControl)) {
            throw ApiException.invalid("title must not contain control characters");
        }
        return title;
    }

    /**
     * A title from another app's export, made to fit: on one line, control characters folded to
     * spaces, at most 200 characters; null when nothing is left (the first words stand in then).
     */
    public static String fromImport(String raw) {
        if (raw == null) {
            return null;
        }
        var title = oneLine(raw, MAX_LENGTH * 2);
        if (title.codePointCount(0, title.length()) > MAX_LENGTH) {
            title = title.substring(0, title.offsetByCodePoints(0, MAX_LENGTH)).strip();
        }
        return title.isEmpty() ? null : title;
    }

    /** The first words of a message, on one line; the placeholder when it has none. */
    public static String fromFirstWords(String content) {
        var words = oneLine(content, AUTO_LENGTH * 2).split(" ");
        var title = new StringBuilder();
        int taken = 0;
        for (var word : words) {
            if (taken == AUTO_WORDS || title.length() + word.length() + 1 > AUTO_LENGTH) {
                return taken == 0 ? cut(word, AUTO_LENGTH) + "…" : title + "…";
            }
            title.append(taken++ == 0 ? "" : " ").append(word);
        }
        return title.isEmpty() ? PLACEHOLDER : title.toString();
    }

    /**
     * White space and control characters folded to single spaces and trimmed, reading only as
     * far as {@code limit} output characters (a preview of a megabyte needs its first line only).
     */
    static String oneLine(String text, int limit) {
        var out = new StringBuilder(Math.min(text.length(), Math.min(limit, 1024)));
        boolean space = false;
        for (int i = 0; i < text.length() && out.length() < limit; ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (isSpace(cp) || isControl(cp)) {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    /** At most {@code max} UTF-16 units, never splitting a surrogate pair. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }

    private static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }

    private static boolean isControl(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }
}
