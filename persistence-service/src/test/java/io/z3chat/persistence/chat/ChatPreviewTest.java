package io.z3chat.persistence.chat;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChatPreviewTest {

    @Test
    void aPreviewIsOneLineOfAtMost200Characters() {
        assertEquals("first line second line", ChatPreview.of("first line\n\n  second line\n"));
        var preview = ChatPreview.of("word ".repeat(1000));
        assertEquals(200, preview.length());
        assertTrue(preview.startsWith("word word"));
        assertEquals("", ChatPreview.of(""));
    }

    @Test
    void aPreviewOfALongRunOfWhitespaceStillShowsTheText() {
        assertEquals("text", ChatPreview.of(" ".repeat(5000) + "text"));
    }
}
