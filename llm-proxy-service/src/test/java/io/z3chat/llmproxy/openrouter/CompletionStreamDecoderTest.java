package io.z3chat.llmproxy.openrouter;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.z3chat.llmproxy.sse.SseEvent;

class CompletionStreamDecoderTest {

    private final List<CompletionEvent> out = new ArrayList<>();
    private final CompletionStreamDecoder decoder = new CompletionStreamDecoder(new ObjectMapper(), out::add);

    private boolean accept(String data) {
        return decoder.accept(new SseEvent("message", data, ""));
    }

    private static String chunk(String delta, String finishReason) {
        return "{\"id\":\"gen-1\",\"provider\":\"OpenAI\",\"model\":\"openai/gpt-4o-mini\",\"object\":"
                + "\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":"
                + (finishReason == null ? "null" : "\"" + finishReason + "\"") + "}]}";
    }

    @Test
    void keepsContentAndReasoningApartAndTakesUsageFromTheLastChunk() {
        accept(chunk("{\"role\":\"assistant\",\"content\":\"\"}", null));
        accept(chunk("{\"reasoning\":\"thinking\"}", null));
        accept(chunk("{\"content\":\"亚\"}", null));
        accept(chunk("{\"content\":\"\"}", "stop"));
        accept("{\"id\":\"gen-1\",\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":5,"
                + "\"total_tokens\":8,\"cost\":0.00012,\"completion_tokens_details\":{\"reasoning_tokens\":2}}}");
        assertTrue(accept("[DONE]"));
        assertDoesNotThrow(decoder::end);
        assertEquals(List.of(new CompletionEvent.Served("openai/gpt-4o-mini", "OpenAI"),
                new CompletionEvent.Reasoning("thinking"), new CompletionEvent.Content("亚"),
                new CompletionEvent.Finish("stop"),
                new CompletionEvent.UsageReport(new Usage(3, 5, 8, new BigDecimal("0.00012")))), out);
    }

    @Test
    void aFinishReasonWithoutDoneStillEndsWell() {
        accept(chunk("{\"content\":\"Hi\"}", "length"));
        assertDoesNotThrow(decoder::end);
    }

    @Test
    void aStreamEndingWithoutDoneOrFinishReasonIsInterrupted() {
        assertFalse(accept(chunk("{\"content\":\"Hi\"}", null)));
        UpstreamException e = assertThrows(UpstreamException.class, decoder::end);
        assertEquals("stream_interrupted", e.code());
        assertTrue(e.retryable());
    }

    @Test
    void anErrorEventMapsItsCode() {
        UpstreamException e = assertThrows(UpstreamException.class, () -> accept("{\"id\":\"gen-abc\",\"error\":"
                + "{\"code\":429,\"message\":\"Rate limit exceeded\"},\"choices\":[{\"index\":0,\"delta\":"
                + "{\"content\":\"\"},\"finish_reason\":\"error\"}]}"));
        assertEquals("rate_limited", e.code());
        assertEquals("Rate limit exceeded", e.getMessage());
    }

    @Test
    void aFinishReasonOfErrorWithoutDetailsIsAnError() {
        UpstreamException e = assertThrows(UpstreamException.class,
                () -> accept(chunk("{\"content\":\"\"}", "error")));
        assertEquals("upstream_error", e.code());
    }

    @Test
    void somethingThatIsNotAChunkIsABadResponse() {
        UpstreamException e = assertThrows(UpstreamException.class, () -> accept("<html>"));
        assertEquals("upstream_bad_response", e.code());
        assertFalse(e.retryable());
    }

    @Test
    void eventsAfterDoneAreIgnored() {
        assertTrue(accept("[DONE]"));
        assertTrue(accept(chunk("{\"content\":\"late\"}", null)));
        assertTrue(out.isEmpty());
    }
}
