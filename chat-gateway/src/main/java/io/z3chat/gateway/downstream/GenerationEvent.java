package io.z3chat.gateway.downstream;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;

/** One event of llm-proxy's generation stream (contract: start, delta, error, done; unknown types are ignored). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", defaultImpl = GenerationEvent.Unknown.class)
@JsonSubTypes({
        @JsonSubTypes.Type(value = GenerationEvent.Start.class, name = "start"),
        @JsonSubTypes.Type(value = GenerationEvent.Delta.class, name = "delta"),
        @JsonSubTypes.Type(value = GenerationEvent.Error.class, name = "error"),
        @JsonSubTypes.Type(value = GenerationEvent.Done.class, name = "done") })
@JsonIgnoreProperties(ignoreUnknown = true)
public sealed interface GenerationEvent {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Start(String generationId, String chatId, String messageId, String model, String owner)
            implements GenerationEvent {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Delta(String generationId, int offset, String text) implements GenerationEvent {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Error(String generationId, String code, String message, boolean retryable) implements GenerationEvent {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Done(String generationId, String messageId, String status, JsonNode usage, JsonNode timing, JsonNode error)
            implements GenerationEvent {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Unknown() implements GenerationEvent {
    }
}
