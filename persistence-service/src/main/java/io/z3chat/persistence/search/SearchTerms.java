package io.z3chat.persistence.search;

import io.z3chat.persistence.error.ApiException;

import java.util.ArrayList;
import java.util.List;

/**
 * What a user typed into search: words, and phrases in double quotes. Every term must match,
 * in any order, case-insensitively; a phrase matches as a phrase (any run of white space
 * between its words). A quote left open runs to the end of the text.
 */
public record SearchTerms(List<String> terms) {

    public static final int MAX_LENGTH = 200;
    public static final int MAX_TERMS = 10;

    public static SearchTerms parse(String q) {
        if (q == null || q.isBlank()) {
            throw ApiException.invalid("q is required: the words to search for");
        }
        if (q.length() > MAX_LENGTH) {
            throw ApiException.invalid("q must be at most " + MAX_LENGTH + " characters");
        }
        var terms = new ArrayList<String>();
        var current = new StringBuilder();
        boolean inPhrase = false;
        for (int i = 0; i < q.length(); i++) {
            char c = q.charAt(i);
            if (c == '"') {
                flush(current, terms);
                inPhrase = !inPhrase;
            } else if (Character.isWhitespace(c) && !inPhrase) {
                flush(current, terms);
            } else {
                current.append(Character.isWhitespace(c) ? ' ' : c);
            }
        }
        flush(current, terms);
        if (terms.isEmpty()) {
            throw ApiException.invalid("q holds no words to search for");
        }
        if (terms.size() > MAX_TERMS) {
            throw ApiException.invalid("q may hold at most " + MAX_TERMS + " words or phrases");
        }
        return new SearchTerms(List.copyOf(terms));
    }

    /** Each term's words (a phrase has several). */
    public List<List<String>> words() {
        return terms.stream().map(term -> List.of(term.split(" +"))).toList();
    }

    /** Whether the text index can find every term: each needs a letter or digit to be indexed at all. */
    public boolean indexable() {
        return terms.stream().allMatch(term -> term.codePoints().anyMatch(Character::isLetterOrDigit));
    }

    private static void flush(StringBuilder current, List<String> terms) {
        var term = current.toString().strip().replaceAll(" +", " ");
        if (!term.isEmpty() && !terms.contains(term)) {
            terms.add(term);
        }
        current.setLength(0);
    }
}
