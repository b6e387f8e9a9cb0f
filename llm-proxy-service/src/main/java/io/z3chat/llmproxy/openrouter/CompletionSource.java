package io.z3chat.llmproxy.openrouter;

import io.smallrye.mutiny.Multi;

/** Something that streams a completion: OpenRouter or the offline model. Cancelling stops the work. */
public interface CompletionSource {

    /**
     * Completes normally only when the reply ended properly; fails with {@link UpstreamException} otherwise.
     */
    Multi<CompletionEvent> stream(ChatCompletionRequest request);
}
