package io.z3chat.llmproxy.generation;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.z3chat.llmproxy.openrouter.ChatMessage;

/** {@code POST /generations}: {@code messageId} is the id of the assistant reply to write. */
public record GenerationRequest(
        @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String chatId,
        @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.MESSAGE) String messageId,
        @NotBlank @Size(max = 200) String model,
        @NotEmpty @Size(max = 2000) List<@NotNull @Valid ChatMessage> messages,
        @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String callbackUrl,
        @DecimalMin("0") @DecimalMax("2") Double temperature,
        @Min(1) @Max(1_000_000) Integer maxTokens,
        @Size(max = 8) List<@NotBlank @Size(max = 200) String> fallbackModels) {
}
