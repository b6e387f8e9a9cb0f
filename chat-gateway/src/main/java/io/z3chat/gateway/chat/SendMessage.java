package io.z3chat.gateway.chat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Save {@code message} in {@code chatId} and stream a reply from {@code model}: a socket's send, or the SSE route's. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SendMessage(String requestId, String chatId, UserMessage message, String model) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UserMessage(String id, String content) {
    }
}
