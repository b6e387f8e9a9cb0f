package io.z3chat.llmproxy.openrouter;

/** What a streamed completion yields, in order; failures arrive as {@link UpstreamException}. */
public sealed interface CompletionEvent {

    /** Reply text; never empty. */
    record Content(String text) implements CompletionEvent {
    }

    /** A reasoning model's thinking text, kept apart from the reply. */
    record Reasoning(String text) implements CompletionEvent {
    }

    /** The model and provider that actually serve the request (fallbacks may change the model). */
    record Served(String model, String provider) implements CompletionEvent {
    }

    /** The model stopped for this reason ({@code stop}, {@code length}, ...). */
    record Finish(String reason) implements CompletionEvent {
    }

    record UsageReport(Usage usage) implements CompletionEvent {
    }
}
