package io.z3chat.persistence.chat;

import java.util.regex.Pattern;

import io.z3chat.persistence.error.ApiException;

/**
 * The rules for titles, all of them in one place: a title someone sends, a generated one (as the model wrote it: the
 * gateway and llm-proxy-service pass it on uncleaned), one from an import, and the automatic one taken from a first
 * message.
 */
public final class ChatTitles {

    public static final int MAX_LENGTH = 200;
    public static final String PLACEHOLDER = "New chat";
    private static final int AUTO_WORDS = 8;
    private static final int AUTO_LENGTH = 60;
    /** Generated titles are short: at most this many characters, cut at a word. */
    public static final int MODEL_LENGTH = 80;
    private static final Pattern LABEL = Pattern.compile("(?i)^title\\s*:\\s*");
    private static final Pattern MARKDOWN = Pattern.compile("[*_`#]");
    private static final Pattern QUOTES = Pattern.compile("^[\"'“”‘’«»]+|[\"'“”‘’«»]+$");
    private static final Pattern FINAL_PUNCTUATION = Pattern.compile("[.:;,!\\s]+$");

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
     * A title a model wrote, made into a title: its first non-blank line, without a {@code Title:} label, markdown
     * emphasis, surrounding quotes or final punctuation, control characters and white space folded to single spaces,
     * at most 80 characters cut at a word; then the rules of {@link #normalize} (a 400 when nothing is left).
     */
    public static String fromModel(String raw) {
        var line = raw == null ? "" : raw.lines().filter(l -> !trim(l).isEmpty()).findFirst().orElse("");
        var title = oneLine(MARKDOWN.matcher(line).replaceAll(""), MODEL_LENGTH * 4);
        title = LABEL.matcher(title).replaceFirst("");
        for (var previous = ""; !previous.equals(title); ) {
            previous = title;
            title = trim(FINAL_PUNCTUATION.matcher(trim(QUOTES.matcher(title).replaceAll(""))).replaceAll(""));
        }
        if (title.length() > MODEL_LENGTH) {
            int space = title.lastIndexOf(' ', MODEL_LENGTH);
            title = trim(space > 0 ? title.substring(0, space) : cut(title, MODEL_LENGTH));
        }
        return normalize(title);
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
