package io.z3chat.llmproxy.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

class ClientGoneLogFilterTest {

    private final ClientGoneLogFilter filter = new ClientGoneLogFilter();

    @Test
    void aBrokenPipeOnAnEventStreamIsOneInfoLineWithoutAStackTrace() {
        for (Throwable gone : new Throwable[] { new IOException("Broken pipe"), new IOException("Connection reset by peer"),
                new RuntimeException("write failed", new ClosedChannelException()) }) {
            LogRecord record = record(ClientGoneLogFilter.SSE_HANDLER, gone);
            assertTrue(filter.isLoggable(record), "still logged, once");
            assertEquals(Level.INFO, record.getLevel());
            assertNull(record.getThrown());
            assertTrue(record.getMessage().startsWith("Event stream client went away"), record.getMessage());
        }
    }

    @Test
    void otherFailuresOfTheSameHandlerAndOtherLoggersStayErrorsWithTheirTrace() {
        IOException disk = new IOException("No space left on device");
        LogRecord other = record(ClientGoneLogFilter.SSE_HANDLER, disk);
        assertTrue(filter.isLoggable(other));
        assertEquals(Level.SEVERE, other.getLevel());
        assertSame(disk, other.getThrown());
        IOException pipe = new IOException("Broken pipe");
        LogRecord elsewhere = record("io.z3chat.llmproxy.persistence.ReplySaver", pipe);
        assertTrue(filter.isLoggable(elsewhere));
        assertEquals(Level.SEVERE, elsewhere.getLevel());
        assertSame(pipe, elsewhere.getThrown());
    }

    private static LogRecord record(String logger, Throwable thrown) {
        LogRecord record = new LogRecord(Level.SEVERE, "Exception in SSE server handling, impossible to send it to client");
        record.setLoggerName(logger);
        record.setThrown(thrown);
        return record;
    }
}
