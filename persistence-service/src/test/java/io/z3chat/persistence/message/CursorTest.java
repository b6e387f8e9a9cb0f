package io.z3chat.persistence.message;

import io.z3chat.persistence.error.ApiException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CursorTest {

    @Test
    void aCursorSurvivesTheRoundTripAndIsUrlSafe() {
        var cursor = new Cursor(Instant.parse("2026-11-25T07:43:32.034Z"), "abc_DEF-123");
        var encoded = cursor.encode();
        assertTrue(encoded.matches("[A-Za-z0-9_-]+"), encoded);
        assertEquals(cursor, Cursor.decode(encoded, "before"));
    }

    @Test
    void anythingElseIsAnInvalidRequestNamingTheParameter() {
        for (var bad : new String[]{"", "!!!", "bm8tY29sb24", "MTIzOg", "YWJjOmFiY2RlZmdoaWo", "MTI6c2hvcnQ"}) {
            var e = assertThrows(ApiException.class, () -> Cursor.decode(bad, "after"), bad);
            assertTrue(e.getMessage().startsWith("after"), e.getMessage());
        }
    }
}
