package io.z3chat.persistence.chat;

import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiteralTitleFilterTest {

    @Test
    void everyRegexCharacterIsEscapedSoTheFilterMatchesLiterally() {
        var pattern = ChatRepository.literalPattern("a.*b(c)[d]{2}|^$\\?+");
        assertEquals("a\\.\\*b\\(c\\)\\[d\\]\\{2\\}\\|\\^\\$\\\\\\?\\+", pattern);
        assertTrue(Pattern.compile(pattern).matcher("xa.*b(c)[d]{2}|^$\\?+y").find());
        assertFalse(Pattern.compile(pattern).matcher("aXXb(c)").find());
    }

    @Test
    void lettersDigitsSpacesAndNonAsciiStayAsTheyAre() {
        assertEquals("Grüße 2026 日本", ChatRepository.literalPattern("Grüße 2026 日本"));
    }
}
