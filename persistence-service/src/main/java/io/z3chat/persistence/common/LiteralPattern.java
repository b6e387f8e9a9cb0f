package io.z3chat.persistence.common;

/**
 * User text turned into a regular expression that matches it literally, for the title filter
 * and the search fallback: user input never becomes an unescaped pattern.
 */
public final class LiteralPattern {

    private LiteralPattern() {
    }

    /**
     * Every ASCII character that is not a letter, digit or space is escaped: a backslash before
     * it means "this character" in both PCRE (MongoDB) and java.util.regex (the embedded store).
     * What is left has no quantifier, group or class, so it matches in linear time.
     */
    public static String of(String text) {
        var out = new StringBuilder(text.length() * 2);
        text.codePoints().forEach(cp -> {
            if (cp < 128 && !Character.isLetterOrDigit(cp) && cp != ' ') {
                out.append('\\');
            }
            out.appendCodePoint(cp);
        });
        return out.toString();
    }
}
