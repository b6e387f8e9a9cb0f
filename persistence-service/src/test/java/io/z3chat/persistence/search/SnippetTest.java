package io.z3chat.persistence.search;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SnippetTest {

    @Test
    void aShortMessageIsShownWholeWithEveryMatch() {
        var snippet = Snippet.of("Fix the build, then fix\nthe tests", Snippet.patterns(SearchTerms.parse("fix")));
        assertEquals("Fix the build, then fix the tests", snippet.text());
        assertEquals(List.of(new Snippet.Span(0, 3), new Snippet.Span(20, 23)), snippet.matches());
    }

    @Test
    void aLongMessageIsCutAroundTheFirstMatchAtAWord() {
        var content = "alpha ".repeat(30) + "target word" + " omega".repeat(60);
        var snippet = Snippet.of(content, Snippet.patterns(SearchTerms.parse("target")));
        assertTrue(snippet.text().startsWith("…alpha"), snippet.text());
        assertTrue(snippet.text().endsWith("…"));
        var span = snippet.matches().get(0);
        assertEquals("target", snippet.text().substring(span.start(), span.end()));
    }

    @Test
    void overlappingTermsHighlightAsOneSpanAndPhrasesSpanTheirWhiteSpace() {
        var snippet = Snippet.of("the database is big", Snippet.patterns(SearchTerms.parse("data database \"is  big\"")));
        assertEquals(List.of(new Snippet.Span(4, 12), new Snippet.Span(13, 19)), snippet.matches());
    }

    @Test
    void unicodeCaseFoldsAndSurrogatePairsAreNeverSplit() {
        var snippet = Snippet.of("GRÜSSE aus München", Snippet.patterns(SearchTerms.parse("münchen")));
        assertEquals(List.of(new Snippet.Span(11, 18)), snippet.matches());
        var emoji = "😀".repeat(120) + " needle";
        var cut = Snippet.of(emoji, Snippet.patterns(SearchTerms.parse("needle"))).text();
        assertTrue(Character.isHighSurrogate(cut.charAt(1)) || cut.charAt(1) == ' ', cut.substring(0, 3));
        assertTrue(!Character.isHighSurrogate(cut.charAt(cut.length() - 1)));
    }

    @Test
    void withoutAMatchTheStartIsShown() {
        var snippet = Snippet.of("diacritics matched by a text index: cafe", Snippet.patterns(SearchTerms.parse("café")));
        assertEquals(List.of(), snippet.matches());
        assertEquals("diacritics matched by a text index: cafe", snippet.text());
    }
}
