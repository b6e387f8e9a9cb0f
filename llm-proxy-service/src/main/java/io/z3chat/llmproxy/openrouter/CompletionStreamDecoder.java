package io.z3chat.llmproxy.openrouter;

import java.util.Objects;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.z3chat.llmproxy.sse.SseEvent;

/**
 * Turns the server-sent events of a streamed chat completion into {@link CompletionEvent}s. Throws
 * {@link UpstreamException} for an error event, and from {@link #end()} for a stream that stopped before
 * {@code [DONE]} or a finish reason.
 */
final class CompletionStreamDecoder {

    private static final String DONE = "[DONE]";

    private final ObjectMapper json;
    private final Consumer<CompletionEvent> out;
    private boolean done;
    private boolean finished;
    private String servedModel;
    private String servedProvider;

    CompletionStreamDecoder(ObjectMapper json, Consumer<CompletionEvent> out) {
        this.json = json;
        this.out = out;
    }

    /** Handles one event; returns true once the stream said {@code [DONE]} (later events are ignored). */
    boolean accept(SseEvent event) {
        if (done) {
            return true;
        }
        String data = event.data();
        if (DONE.equals(data.trim())) {
            done = true;
            return true;
        }
        CompletionChunk chunk = parse(data);
        if (chunk.error() != null) {
            throw UpstreamErrors.forStatus(chunk.error().status(), chunk.error().message(), null);
        }
        served(chunk);
        if (chunk.choices() != null) {
            chunk.choices().forEach(this::choice);
        }
        if (chunk.usage() != null) {
            out.accept(new CompletionEvent.UsageReport(chunk.usage().toUsage()));
        }
        return false;
    }

    /** The byte stream ended: fine after {@code [DONE]} or a finish reason, a failure otherwise. */
    void end() {
        if (!done && !finished) {
            throw UpstreamErrors.interrupted("the stream ended before the reply was finished");
        }
    }

    private void choice(CompletionChunk.Choice choice) {
        if (choice.delta() != null) {
            emitText(choice.delta().reasoning(), true);
            emitText(choice.delta().content(), false);
        }
        String reason = choice.finishReason();
        if (reason != null) {
            if ("error".equals(reason)) {
                throw new UpstreamException("upstream_error", "the model stopped with an error", true);
            }
            finished = true;
            out.accept(new CompletionEvent.Finish(reason));
        }
    }

    private void emitText(String text, boolean reasoning) {
        if (text != null && !text.isEmpty()) {
            out.accept(reasoning ? new CompletionEvent.Reasoning(text) : new CompletionEvent.Content(text));
        }
    }

    private void served(CompletionChunk chunk) {
        if (chunk.model() == null && chunk.provider() == null) {
            return;
        }
        if (!Objects.equals(chunk.model(), servedModel) || !Objects.equals(chunk.provider(), servedProvider)) {
            servedModel = chunk.model();
            servedProvider = chunk.provider();
            out.accept(new CompletionEvent.Served(servedModel, servedProvider));
        }
    }

    private CompletionChunk parse(String data) {
        try {
            return json.readValue(data, CompletionChunk.class);
        } catch (JsonProcessingException e) {
            throw UpstreamErrors.badResponse("the model server sent an event that is not a completion chunk");
        }
    }
}
