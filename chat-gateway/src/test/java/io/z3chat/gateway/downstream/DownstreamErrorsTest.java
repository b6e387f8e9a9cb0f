package io.z3chat.gateway.downstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.z3chat.gateway.error.ErrorCode;
import io.z3chat.gateway.error.GatewayException;

/** A downstream error reaches the browser in the gateway's own vocabulary. */
class DownstreamErrorsTest {

    @Test
    void aKnownCodeItsMessageAndItsStatusPassThrough() {
        GatewayException error = DownstreamErrors.toException(answer(409,
                "{\"error\":{\"code\":\"version_conflict\",\"message\":\"The chat changed\"}}"));
        assertEquals(ErrorCode.VERSION_CONFLICT, error.code());
        assertEquals(409, error.status());
        assertEquals("The chat changed", error.getMessage());
        assertFalse(error.retryable());
    }

    @Test
    void aCodeTheGatewayDoesNotKnowBecomesTheCodeOfItsStatus() {
        GatewayException error = DownstreamErrors.toException(answer(422,
                "{\"error\":{\"code\":\"something_new\",\"message\":\"No\"}}"));
        assertEquals(ErrorCode.INVALID_REQUEST, error.code());
        assertEquals(422, error.status());
    }

    @Test
    void aBodyThatIsNotJsonGetsTheCodeOfItsStatusAndARateLimitKeepsItsRetryAfter() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Retry-After", "7");
        GatewayException error = DownstreamErrors.toException(new DownstreamResponse(429, headers, Buffer.buffer("slow down")));
        assertEquals(ErrorCode.RATE_LIMITED, error.code());
        assertTrue(error.retryable());
        assertEquals(7, error.retryAfterSeconds());
    }

    @Test
    void internalIsBuiltOneWay() {
        GatewayException internal = GatewayException.internal();
        assertEquals(ErrorCode.INTERNAL, internal.code());
        assertEquals(500, internal.status());
        assertTrue(internal.retryable());
        assertEquals("Internal error", internal.getMessage());
    }

    private static DownstreamResponse answer(int status, String body) {
        return new DownstreamResponse(status, MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json"),
                Buffer.buffer(body));
    }
}
