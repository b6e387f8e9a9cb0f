package io.z3chat.llmproxy.models;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What a model picker needs to know about one model. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelInfo(String id, String name, String description, Integer contextLength,
        Integer maxCompletionTokens, Pricing pricing, List<String> inputModalities, boolean offline) {

    /** USD per token, as the decimal strings the upstream gives. */
    public record Pricing(String prompt, String completion) {
    }
}
