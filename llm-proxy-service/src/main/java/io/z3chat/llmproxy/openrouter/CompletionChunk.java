package io.z3chat.llmproxy.openrouter;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/** The parts of one {@code chat.completion.chunk} that we use; everything else is ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
record CompletionChunk(String model, String provider, List<Choice> choices, UsageJson usage, ErrorJson error) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Choice(Delta delta, @JsonProperty("finish_reason") String finishReason) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Delta(String content, String reasoning) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record UsageJson(@JsonProperty("prompt_tokens") int promptTokens,
            @JsonProperty("completion_tokens") int completionTokens,
            @JsonProperty("total_tokens") int totalTokens,
            BigDecimal cost) {

        Usage toUsage() {
            return new Usage(promptTokens, completionTokens, totalTokens, cost);
        }
    }

    /** {@code code} is a number on OpenRouter; other servers may send a string. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorJson(JsonNode code, String message) {

        int status() {
            return code != null && code.canConvertToInt() ? code.asInt() : 500;
        }
    }
}
