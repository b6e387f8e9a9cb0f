package io.z3chat.llmproxy.reply;

/** How a reply went: time to its first token (absent when there was none), total duration, and speed. */
public record Timing(Long ttftMs, long durationMs, Double tokensPerSecond) {
}
