package io.z3chat.llmproxy.openrouter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

class UpstreamErrorsTest {

    @Test
    void mapsEachDocumentedStatusToACodeAndWhetherToRetry() {
        Map<Integer, String> codes = Map.of(400, "upstream_bad_request:false", 401, "upstream_unauthorized:false",
                402, "insufficient_credits:false", 403, "moderation:false", 408, "upstream_timeout:true",
                429, "rate_limited:true", 502, "model_unavailable:true", 503, "no_provider:true",
                500, "upstream_error:true", 418, "upstream_error:false");
        codes.forEach((status, expected) -> {
            UpstreamException e = UpstreamErrors.forStatus(status, "why", null);
            assertEquals(expected, e.code() + ":" + e.retryable(), "status " + status);
            assertEquals("why", e.getMessage());
        });
        assertEquals("upstream answered 502", UpstreamErrors.forStatus(502, null, null).getMessage());
    }

    @Test
    void keepsRetryAfterOnlyWhereRetryingMakesSense() {
        Duration wait = Duration.ofSeconds(7);
        assertEquals(wait, UpstreamErrors.forStatus(429, null, wait).retryAfter().orElseThrow());
        assertEquals(wait, UpstreamErrors.forStatus(503, null, wait).retryAfter().orElseThrow());
        assertEquals(false, UpstreamErrors.forStatus(402, null, wait).retryAfter().isPresent());
    }

    @Test
    void readsRetryAfterAsSecondsOrAsAnHttpDate() {
        Instant now = Instant.parse("2026-11-25T07:43:30Z");
        assertEquals(Duration.ofSeconds(12), UpstreamErrors.parseRetryAfter(" 12 ", now));
        assertEquals(Duration.ofSeconds(30), UpstreamErrors.parseRetryAfter("Wed, 25 Nov 2026 07:44:00 GMT", now));
        assertEquals(Duration.ZERO, UpstreamErrors.parseRetryAfter("Wed, 25 Nov 2026 07:00:00 GMT", now));
        assertNull(UpstreamErrors.parseRetryAfter("soon", now));
        assertNull(UpstreamErrors.parseRetryAfter("-3", now));
        assertNull(UpstreamErrors.parseRetryAfter(null, now));
    }
}
