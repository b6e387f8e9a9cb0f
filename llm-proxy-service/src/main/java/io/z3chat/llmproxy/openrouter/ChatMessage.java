package io.z3chat.llmproxy.openrouter;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** One message of a conversation, as the gateway sends it and as OpenAI-compatible APIs take it. */
public record ChatMessage(
        @NotNull @Pattern(regexp = "user|assistant|system", message = "must be user, assistant or system") String role,
        @NotNull String content) {
}
