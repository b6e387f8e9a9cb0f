package io.z3chat.persistence.message;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * {@code PUT /chats/{id}/selection}: show the path through {@code messageId} (and the newest path under it).
 * With {@code selectionVersion} (the chat's, as last seen) the switch applies only if nothing switched since.
 */
public record SelectionRequest(
        @NotNull @Pattern(regexp = "[A-Za-z0-9_-]{8,64}", message = "must match [A-Za-z0-9_-]{8,64}") String messageId,
        Long selectionVersion) {
}
