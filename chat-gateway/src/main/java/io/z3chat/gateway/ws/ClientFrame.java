package io.z3chat.gateway.ws;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What a browser sends on {@code /ws/chat} (SPEC section 4). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ClientFrame.Send.class, name = "send"),
        @JsonSubTypes.Type(value = ClientFrame.Cancel.class, name = "cancel"),
        @JsonSubTypes.Type(value = ClientFrame.Resume.class, name = "resume") })
public sealed interface ClientFrame {

    /** Save {@code message} in {@code chatId} and stream a reply from {@code model}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Send(String requestId, String chatId, UserMessage message, String model) implements ClientFrame {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record UserMessage(String id, String content) {
    }

    /** {@code chatId} is optional: it lets a socket that never saw the generation cancel it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Cancel(String generationId, String chatId) implements ClientFrame {
    }

    /** The client has the reply's first {@code offset} UTF-16 code units and wants the rest. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Resume(String chatId, String generationId, Integer offset) implements ClientFrame {
    }
}
