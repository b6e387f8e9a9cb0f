package io.z3chat.llmproxy.openrouter;

import java.math.BigDecimal;

/** Token counts of one reply as the upstream reported them; {@code cost} (USD) when it said. */
public record Usage(int promptTokens, int completionTokens, int totalTokens, BigDecimal cost) {
}
