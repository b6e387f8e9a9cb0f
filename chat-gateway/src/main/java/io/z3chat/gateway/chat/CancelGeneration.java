package io.z3chat.gateway.chat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Stop a reply. {@code chatId} is optional: it lets a socket that never saw the generation cancel it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CancelGeneration(String generationId, String chatId) {
}
