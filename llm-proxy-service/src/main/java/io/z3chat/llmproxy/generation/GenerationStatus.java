package io.z3chat.llmproxy.generation;

import com.fasterxml.jackson.annotation.JsonValue;

public enum GenerationStatus {
    STREAMING("streaming"),
    COMPLETE("complete"),
    CANCELLED("cancelled"),
    ERROR("error");

    private final String wire;

    GenerationStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }
}
