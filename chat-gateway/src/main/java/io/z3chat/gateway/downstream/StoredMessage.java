package io.z3chat.gateway.downstream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/** The fields of persistence-service's Message that the gateway reads. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StoredMessage(String id, String chatId, String role, String content, String status, String model,
        String generationId, String generationOwner, JsonNode usage, JsonNode timing, JsonNode error) {

    public boolean streaming() {
        return "streaming".equals(status);
    }
}
