package io.z3chat.persistence.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A piece of a message around its first match, with every match inside it as offsets (UTF-16
 * units into {@code text}); the browser highlights them, no HTML is built here. An ellipsis marks
 * text cut at either end; line breaks become spaces, so offsets stay those of the text shown.
 */
public record Snippet(String text, List<Span> matches) {

    public record Span(int start, int end) {
    }

    static final int LENGTH = 160;
    static final int CONTEXT_BEFORE = 50;
    private static final String ELLIPSIS = "…";

    /** The Java form of each term: quoted words, any white space between a phrase's words. */
    static List<Pattern> patterns(SearchTerms terms) {
        return terms.words().stream()
                .map(words -> Pattern.compile(words.stream().map(Pattern::quote).collect(Collectors.joining("\\s+")),
                        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
                .toList();
    }

    static Snippet of(String content, List<Pattern> patterns) {
        var found = new ArrayList<Span>();
        for (var pattern : patterns) {
            var matcher = pattern.matcher(content);
            while (matcher.find() && matcher.end() > matcher.start()) {
                found.add(new Span(matcher.start(), matcher.end()));
            }
        }
        found.sort(Comparator.comparingInt(Span::start));
        int first = found.isEmpty() ? 0 : found.get(0).start();
        int start = windowStart(content, first);
        int end = safeEnd(content, Math.min(content.length(), start + LENGTH));
        var prefix = start > 0 ? ELLIPSIS : "";
        var text = prefix + oneLine(content.substring(start, end)) + (end < content.length() ? ELLIPSIS : "");
        var spans = new ArrayList<Span>();
        int shift = prefix.length() - start;
        for (var span : found) {
            int s = Math.max(span.start(), start) + shift;
            int e = Math.min(span.end(), end) + shift;
            if (s >= e) {
                continue;
            }
            int last = spans.size() - 1;
            if (last >= 0 && s <= spans.get(last).end()) {
                // Overlapping terms ("data" in "database") highlight as one span.
                spans.set(last, new Span(spans.get(last).start(), Math.max(e, spans.get(last).end())));
            } else {
                spans.add(new Span(s, e));
            }
        }
        return new Snippet(text, List.copyOf(spans));
    }

    /** Some context before the match, starting at a word when one starts close by. */
    private static int windowStart(String content, int match) {
        if (match <= CONTEXT_BEFORE) {
            return 0;
        }
        int start = match - CONTEXT_BEFORE;
        for (int i = start; i < Math.min(match, start + 15); i++) {
            if (Character.isWhitespace(content.charAt(i))) {
                return i + 1;
            }
        }
        return Character.isLowSurrogate(content.charAt(start)) ? start + 1 : start;
    }

    private static int safeEnd(String content, int end) {
        return end < content.length() && Character.isLowSurrogate(content.charAt(end)) ? end - 1 : end;
    }

    private static String oneLine(String text) {
        var out = new StringBuilder(text.length());
        text.chars().forEach(c -> out.append(c == '\n' || c == '\r' || c == '\t' ? ' ' : (char) c));
        return out.toString();
    }
}
