package io.z3chat.gateway.downstream;

import java.util.List;

/** Body of llm-proxy's {@code POST /generations}; {@code messageId} is the id of the assistant reply to write. */
public record GenerationRequest(String chatId, String messageId, String model, List<HistoryMessage> messages,
        String callbackUrl) {

    public record HistoryMessage(String role, String content) {
    }
}
