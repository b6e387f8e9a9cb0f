package io.z3chat.persistence.message;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code PUT /chats/{id}/messages/{messageId}}: create-or-replace, idempotent on the id. */
public record PutMessageRequest(
        @NotNull @Pattern(regexp = "user|assistant|system", message = "must be user, assistant or system") String role,
        @NotNull String content,
        @Size(max = 200) String model) {
}
