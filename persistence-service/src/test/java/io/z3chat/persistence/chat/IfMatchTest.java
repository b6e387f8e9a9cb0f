package io.z3chat.persistence.chat;

import io.z3chat.persistence.error.ApiException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IfMatchTest {

    @Test
    void quotedBareAndWeakVersionsAreRead() {
        assertEquals(3L, ChatResource.expectedVersion("\"3\""));
        assertEquals(3L, ChatResource.expectedVersion(" 3 "));
        assertEquals(3L, ChatResource.expectedVersion("W/\"3\""));
    }

    @Test
    void noneOrAStarMeansAnyVersion() {
        assertNull(ChatResource.expectedVersion(null));
        assertNull(ChatResource.expectedVersion(""));
        assertNull(ChatResource.expectedVersion("*"));
    }

    @Test
    void anythingElseIsRejected() {
        assertThrows(ApiException.class, () -> ChatResource.expectedVersion("\"v3\""));
        assertThrows(ApiException.class, () -> ChatResource.expectedVersion("\"1\", \"2\""));
    }
}
