package io.z3chat.persistence.message;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /chats/{id}/messages/{messageId}/versions}: a new version of that message, idempotent on
 * {@code id}. Of a user message (an edit): {@code content} is the edited text. Of a reply (a regenerate):
 * no content; the reply starts empty and {@code streaming}, and the generation writes it by id (PATCH).
 */
public record VersionRequest(
        @NotNull @Pattern(regexp = "[A-Za-z0-9_-]{8,64}", message = "must match [A-Za-z0-9_-]{8,64}") String id,
        String content,
        @Size(max = 200) String model) {
}
