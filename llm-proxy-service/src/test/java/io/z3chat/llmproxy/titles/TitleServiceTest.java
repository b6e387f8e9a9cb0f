package io.z3chat.llmproxy.titles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.z3chat.llmproxy.openrouter.ChatMessage;

class TitleServiceTest {

    @Test
    void cleansWhatSmallModelsTendToAdd() {
        assertEquals("Rust borrow checker basics", TitleService.clean("\"Rust borrow checker basics.\"\n"));
        assertEquals("Sourdough at home", TitleService.clean("Title: **Sourdough at home**"));
        assertEquals("Trip to Lisbon", TitleService.clean("\n\n  “Trip to Lisbon”  \nSome explanation"));
        assertEquals("", TitleService.clean("  \n "));
        String longTitle = TitleService.clean("word ".repeat(40));
        assertEquals(true, longTitle.length() <= 80 && !longTitle.endsWith(" "));
    }

    @Test
    void withoutAKeyTheTitleIsTheFirstWordsOfTheFirstUserMessage() {
        assertEquals("How do I bake sourdough bread", TitleService.offlineTitle(List.of(
                new ChatMessage("system", "Be nice"),
                new ChatMessage("user", "how do I bake `sourdough` bread at home?"))));
        assertEquals("New chat", TitleService.offlineTitle(List.of(new ChatMessage("user", " ** "))));
    }
}
