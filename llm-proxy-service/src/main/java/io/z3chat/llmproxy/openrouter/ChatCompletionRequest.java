package io.z3chat.llmproxy.openrouter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The body of {@code POST {base}/chat/completions}; always streamed. {@code models} are fallback model ids tried
 * in order when the first one errors; {@code user} is a stable pseudonym of the end user for the upstream's abuse
 * detection, never the email itself.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ChatCompletionRequest(
        String model,
        List<ChatMessage> messages,
        boolean stream,
        List<String> models,
        Double temperature,
        @JsonProperty("max_tokens") Integer maxTokens,
        String user) {

    public static ChatCompletionRequest streaming(String model, List<ChatMessage> messages, List<String> fallbackModels,
            Double temperature, Integer maxTokens, String userEmail) {
        return new ChatCompletionRequest(model, messages, true, fallbackModels, temperature, maxTokens,
                pseudonym(userEmail));
    }

    static String pseudonym(String userEmail) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(userEmail.getBytes(StandardCharsets.UTF_8));
            return "z3u_" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
