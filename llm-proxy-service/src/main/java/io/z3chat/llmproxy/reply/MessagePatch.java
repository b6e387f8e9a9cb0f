package io.z3chat.llmproxy.reply;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.z3chat.llmproxy.openrouter.Usage;

/**
 * {@code PATCH /chats/{id}/messages/{messageId}}: status {@code streaming} is a checkpoint of the full text so
 * far, any other status finishes the reply. persistence-service rejects unknown fields, so this holds exactly
 * the contract's.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessagePatch(String content, String status, Usage usage, Timing timing, ErrorInfo error,
        String generationId, String generationOwner, String model, String provider) {

    public static MessagePatch checkpoint(String content, String generationId, String owner, String model) {
        return new MessagePatch(content, "streaming", null, null, null, generationId, owner, model, null);
    }
}
