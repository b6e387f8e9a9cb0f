package io.z3chat.persistence.search;

import io.z3chat.persistence.error.ApiException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchTermsTest {

    @Test
    void wordsAndQuotedPhrasesBecomeTerms() {
        assertEquals(List.of("deploy", "staging cluster", "k8s"),
                SearchTerms.parse("  deploy \"staging   cluster\"\tk8s ").terms());
        assertEquals(List.of("open", "quote runs on"), SearchTerms.parse("open \"quote runs on").terms());
        assertEquals(List.of("a", "b"), SearchTerms.parse("a\"b\"").terms());
    }

    @Test
    void repeatedTermsCountOnce() {
        assertEquals(List.of("x"), SearchTerms.parse("x x \"x\"").terms());
    }

    @Test
    void termsWithoutLettersOrDigitsCannotUseTheTextIndex() {
        assertTrue(SearchTerms.parse("hello \"big world\" 42").indexable());
        assertFalse(SearchTerms.parse("hello .*").indexable());
        assertFalse(SearchTerms.parse("[").indexable());
    }

    @Test
    void emptyOverlongOrTooManyTermsAreRejected() {
        for (var q : new String[] {null, "", "   ", "\"\"", "x".repeat(201), "1 2 3 4 5 6 7 8 9 10 11"}) {
            assertThrows(ApiException.class, () -> SearchTerms.parse(q), String.valueOf(q));
        }
    }
}
