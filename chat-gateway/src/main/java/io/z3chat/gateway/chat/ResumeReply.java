package io.z3chat.gateway.chat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The client has the reply's first {@code offset} UTF-16 code units and wants the rest. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResumeReply(String chatId, String generationId, Integer offset) {
}
