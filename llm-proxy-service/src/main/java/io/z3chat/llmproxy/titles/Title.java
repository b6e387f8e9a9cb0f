package io.z3chat.llmproxy.titles;

public record Title(String title) {
}
