package io.z3chat.gateway.downstream;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The fields of persistence-service's MessagePage that the gateway reads. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MessagePage(String chatId, String title, ChatInfo chat, List<StoredMessage> messages) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ChatInfo(String id, String title, String titleSource, int messageCount, String model) {
    }

    public List<StoredMessage> messagesOrEmpty() {
        return messages == null ? List.of() : messages;
    }
}
