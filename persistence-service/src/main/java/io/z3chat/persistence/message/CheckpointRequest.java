package io.z3chat.persistence.message;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code PATCH /chats/{id}/messages/{messageId}}: {@code status: streaming} checkpoints the full
 * text so far; any other status finishes the reply.
 */
public record CheckpointRequest(
        @NotNull String content,
        @NotNull @Pattern(regexp = MessageStatus.ANY, message = "must be one of " + MessageStatus.ANY) String status,
        @Valid Usage usage,
        @Valid Timing timing,
        @Valid MessageError error,
        @Pattern(regexp = "[A-Za-z0-9_-]{8,64}", message = "must match [A-Za-z0-9_-]{8,64}") String generationId,
        @Size(max = 500) String generationOwner,
        @Size(max = 200) String model,
        @Size(max = 100) String provider) {

    boolean isCheckpoint() {
        return MessageStatus.STREAMING.equals(status);
    }
}
