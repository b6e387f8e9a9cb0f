package io.z3chat.llmproxy.monitoring;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * A client that leaves an event stream (the gateway cutting off a slow browser, a socket closed mid-reply) makes the
 * next write fail; RESTEasy Reactive logs that as an ERROR with a stack trace. It is no error here: the generation
 * goes on and is saved whatever its followers do. This filter turns exactly that record into one INFO line without
 * the trace, and leaves every other record as it is.
 */
@LoggingFilter(name = "client-gone")
public final class ClientGoneLogFilter implements Filter {

    static final String SSE_HANDLER = "org.jboss.resteasy.reactive.server.handlers.PublisherResponseHandler";
    private static final Set<String> GONE = Set.of("Broken pipe", "Connection reset by peer");

    @Override
    public boolean isLoggable(LogRecord record) {
        Throwable thrown = record.getThrown();
        if (SSE_HANDLER.equals(record.getLoggerName()) && clientGone(thrown)) {
            record.setLevel(Level.INFO);
            record.setMessage("Event stream client went away before the stream ended (" + describe(thrown)
                    + "); the generation goes on and is saved");
            record.setParameters(null);
            record.setThrown(null);
        }
        return true;
    }

    private static boolean clientGone(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof ClosedChannelException
                    || cause instanceof IOException && cause.getMessage() != null && GONE.contains(cause.getMessage())) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable thrown) {
        return thrown.getMessage() != null ? thrown.getMessage() : thrown.getClass().getSimpleName();
    }
}
