package io.z3chat.llmproxy.callback;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.z3chat.llmproxy.openrouter.Usage;
import io.z3chat.llmproxy.reply.ErrorInfo;
import io.z3chat.llmproxy.reply.Timing;

/** {@code POST <callbackUrl>} once the final reply is saved. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LifecycleCallback(String generationId, String chatId, String messageId, String status, Usage usage,
        Timing timing, ErrorInfo error) {
}
