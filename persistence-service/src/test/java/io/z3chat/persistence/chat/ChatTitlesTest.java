package io.z3chat.persistence.chat;

import io.z3chat.persistence.error.ApiException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChatTitlesTest {

    @Test
    void titlesAreTrimmedAndLimitedTo200CodePoints() {
        assertEquals("Trip", ChatTitles.normalize("  Trip \u00a0"));
        var emoji = "😀".repeat(200);
        assertEquals(emoji, ChatTitles.normalize(emoji), "200 emoji are 200 characters, not 400");
        assertThrows(ApiException.class, () -> ChatTitles.normalize("😀".repeat(201)));
    }

    @Test
    void controlCharactersAndLineBreaksAreRejectedButJoinersAreNot() {
        for (var bad : new String[]{"a\u0000b", "a\u001bb", "a\u2028b", "a\rb", "\u0085x"}) {
            assertThrows(ApiException.class, () -> ChatTitles.normalize(bad), bad);
        }
        assertEquals("👩\u200d💻 coding", ChatTitles.normalize("👩\u200d💻 coding"));
    }

    @Test
    void automaticTitlesTakeTheFirstWordsOnOneLine() {
        assertEquals("Plan a picnic", ChatTitles.fromFirstWords("  Plan\n\ta   picnic "));
        assertEquals("one two three four five six seven eight…",
                ChatTitles.fromFirstWords("one two three four five six seven eight nine ten"));
        assertEquals("x".repeat(60) + "…", ChatTitles.fromFirstWords("x".repeat(100)));
        assertEquals("New chat", ChatTitles.fromFirstWords(" \n\t "));
    }

    @Test
    void cuttingNeverSplitsASurrogatePair() {
        var text = "a" + "😀".repeat(10);
        assertEquals("a", ChatTitles.cut(text, 2));
        assertEquals("a😀", ChatTitles.cut(text, 3));
    }
}
