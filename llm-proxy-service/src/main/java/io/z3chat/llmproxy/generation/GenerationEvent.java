package io.z3chat.llmproxy.generation;

import org.eclipse.microprofile.openapi.annotations.media.DiscriminatorMapping;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.z3chat.llmproxy.openrouter.Usage;
import io.z3chat.llmproxy.reply.ErrorInfo;
import io.z3chat.llmproxy.reply.Timing;

/** What a generation's event stream carries; each is sent as {@code event: <type>} with itself as JSON data. */
@JsonPropertyOrder({ "type", "generationId" })
@Schema(name = "GenerationEvent", oneOf = { GenerationEvent.StartEvent.class, GenerationEvent.DeltaEvent.class,
        GenerationEvent.ErrorEvent.class, GenerationEvent.DoneEvent.class }, discriminatorProperty = "type",
        discriminatorMapping = {
                @DiscriminatorMapping(value = "start", schema = GenerationEvent.StartEvent.class),
                @DiscriminatorMapping(value = "delta", schema = GenerationEvent.DeltaEvent.class),
                @DiscriminatorMapping(value = "error", schema = GenerationEvent.ErrorEvent.class),
                @DiscriminatorMapping(value = "done", schema = GenerationEvent.DoneEvent.class) })
public sealed interface GenerationEvent {

    @JsonProperty("type")
    @Schema(required = true)
    String type();

    String generationId();

    record StartEvent(String generationId, String chatId, String messageId, String model, String owner)
            implements GenerationEvent {
        @Override
        public String type() {
            return "start";
        }
    }

    /** {@code text} starts at {@code offset} of the reply, counted in UTF-16 code units. */
    record DeltaEvent(String generationId, int offset, String text) implements GenerationEvent {
        @Override
        public String type() {
            return "delta";
        }
    }

    /** Always followed by a {@link DoneEvent} with status {@code error}. */
    record ErrorEvent(String generationId, String code, String message, boolean retryable)
            implements GenerationEvent {
        @Override
        public String type() {
            return "error";
        }
    }

    /** Always the last event. */
    record DoneEvent(String generationId, String messageId, GenerationStatus status, Usage usage, Timing timing,
            ErrorInfo error) implements GenerationEvent {
        @Override
        public String type() {
            return "done";
        }
    }
}
