package io.z3chat.llmproxy.openrouter;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code GET {base}/models}: OpenRouter's list, or an OpenAI-compatible server's (which has only ids). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UpstreamModels(List<Model> data) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Model(String id, String name, String description,
            @JsonProperty("context_length") Integer contextLength,
            Architecture architecture, Pricing pricing,
            @JsonProperty("top_provider") TopProvider topProvider) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Architecture(@JsonProperty("input_modalities") List<String> inputModalities) {
    }

    /** Decimal strings, USD per token. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Pricing(String prompt, String completion) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TopProvider(@JsonProperty("max_completion_tokens") Integer maxCompletionTokens) {
    }
}
