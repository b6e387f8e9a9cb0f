package io.z3chat.llmproxy.titles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.z3chat.llmproxy.openrouter.ChatMessage;

class TitleServiceTest {

    @Test
    void withoutAKeyTheTitleIsTheFirstWordsOfTheFirstUserMessage() {
        assertEquals("How do I bake sourdough bread", TitleService.offlineTitle(List.of(
                new ChatMessage("system", "Be nice"),
                new ChatMessage("user", "how do I bake `sourdough` bread at home?"))));
        assertEquals("New chat", TitleService.offlineTitle(List.of(new ChatMessage("user", " ** "))));
    }
}
