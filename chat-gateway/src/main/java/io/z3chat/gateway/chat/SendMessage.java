package io.z3chat.gateway.chat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Save {@code message} in {@code chatId} and stream a reply from {@code model}: a socket's send, or the SSE route's.
 * {@code editOf} (optional): the user message of that chat this one is a new version of (an edit); the reply is then
 * generated under the new version. Without it the message is appended to the chat's selected path.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SendMessage(String requestId, String chatId, UserMessage message, String model, String editOf) {

    public SendMessage(String requestId, String chatId, UserMessage message, String model) {
        this(requestId, chatId, message, model, null);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record UserMessage(String id, String content) {
    }
}
