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
    void generatedTitlesLoseWhatSmallModelsTendToAdd() {
        assertEquals("Rust borrow checker basics", ChatTitles.fromModel("\"Rust borrow checker basics.\"\n"));
        assertEquals("Sourdough at home", ChatTitles.fromModel("Title: **Sourdough at home**"));
        assertEquals("Sourdough at home", ChatTitles.fromModel("**Title:** Sourdough at home!"));
        assertEquals("Trip to Lisbon", ChatTitles.fromModel("\n\n  “Trip to Lisbon”  \nSome explanation"));
        assertEquals("Trip to Lisbon", ChatTitles.fromModel("'Trip to Lisbon'."));
        assertEquals("Lighthouses", ChatTitles.fromModel("«Lighthouses»"));
    }

    @Test
    void generatedTitlesAreOneLineWithControlCharactersAndWhiteSpaceFolded() {
        assertEquals("Tabs and bells", ChatTitles.fromModel("Tabs\tand\u0007 bells"));
        assertEquals("Line one", ChatTitles.fromModel("\r\n Line   one\r\nline two"));
        assertEquals("No break spaces", ChatTitles.fromModel("\u00a0No\u00a0break spaces\u00a0"));
        assertEquals("👩\u200d💻 coding", ChatTitles.fromModel("👩\u200d💻 coding"));
    }

    @Test
    void generatedTitlesAreAtMost80CharactersCutAtAWord() {
        var title = ChatTitles.fromModel("word ".repeat(40));
        assertEquals("word ".repeat(16).strip(), title);
        assertEquals("x".repeat(80), ChatTitles.fromModel("x".repeat(200)));
        assertEquals("a" + "😀".repeat(39), ChatTitles.fromModel("a" + "😀".repeat(60)), "never half an emoji");
    }

    @Test
    void aGeneratedTitleWithNothingLeftIsRejected() {
        for (var empty : new String[]{"", "  \n ", "\"\"", "**", "Title:", "...", null}) {
            assertThrows(ApiException.class, () -> ChatTitles.fromModel(empty), String.valueOf(empty));
        }
    }

    @Test
    void cuttingNeverSplitsASurrogatePair() {
        var text = "a" + "😀".repeat(10);
        assertEquals("a", ChatTitles.cut(text, 2));
        assertEquals("a😀", ChatTitles.cut(text, 3));
    }
}
