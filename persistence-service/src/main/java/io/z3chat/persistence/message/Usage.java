package io.z3chat.persistence.message;

import jakarta.validation.constraints.PositiveOrZero;

/** Token usage of a reply; the same shape on the wire and in the store. */
public record Usage(@PositiveOrZero Long promptTokens, @PositiveOrZero Long completionTokens,
                    @PositiveOrZero Long totalTokens, @PositiveOrZero Double cost) {
}
