package io.z3chat.llmproxy.titles;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.z3chat.llmproxy.generation.Ids;
import io.z3chat.llmproxy.openrouter.ChatMessage;

/** {@code POST /titles}: the chat's first exchange. */
public record TitleRequest(
        @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String chatId,
        @NotEmpty @Size(max = 100) List<@NotNull @Valid ChatMessage> messages,
        @Size(min = 1, max = 200) String model) {
}
