package io.z3chat.persistence.message;

import jakarta.validation.constraints.PositiveOrZero;

/** How a reply streamed; the same shape on the wire and in the store. */
public record Timing(@PositiveOrZero Long ttftMs, @PositiveOrZero Long durationMs, @PositiveOrZero Double tokensPerSecond) {
}
