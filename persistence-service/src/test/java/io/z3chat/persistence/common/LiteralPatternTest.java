package io.z3chat.persistence.common;

import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiteralPatternTest {

    @Test
    void everyRegexCharacterIsEscapedSoTheFilterMatchesLiterally() {
        var pattern = LiteralPattern.of("a.*b(c)[d]{2}|^$\\?+");
        assertEquals("a\\.\\*b\\(c\\)\\[d\\]\\{2\\}\\|\\^\\$\\\\\\?\\+", pattern);
        assertTrue(Pattern.compile(pattern).matcher("xa.*b(c)[d]{2}|^$\\?+y").find());
        assertFalse(Pattern.compile(pattern).matcher("aXXb(c)").find());
    }

    @Test
    void lettersDigitsSpacesAndNonAsciiStayAsTheyAre() {
        assertEquals("Grüße 2026 日本", LiteralPattern.of("Grüße 2026 日本"));
    }
}
