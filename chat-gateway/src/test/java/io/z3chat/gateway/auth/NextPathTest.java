package io.z3chat.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NextPathTest {

    @ParameterizedTest
    @ValueSource(strings = { "/", "/chat/abc12345", "/chat/abc?x=1#top" })
    void localPathsAreKept(String next) {
        assertEquals(next, NextPath.sanitize(next));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "//evil.example", "///evil.example", "https://evil.example", "http:/evil", "/\\evil.example",
            "\\\\evil.example", "evil.example", "javascript:alert(1)", "/\tevil", "/ok\r\nSet-Cookie:x=1", " /chat" })
    void anythingElseFallsBackToTheHomePage(String next) {
        assertEquals("/", NextPath.sanitize(next));
    }
}
