package io.z3chat.gateway.downstream;

import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

import io.vertx.core.buffer.Buffer;

/**
 * Incremental reader of a {@code text/event-stream} in the WHATWG format (HTML Living Standard, section 9.2.6), as
 * llm-proxy-service's own reader: calls back with (event, data) for each event a blank line ends.
 *
 * <p>Bytes may arrive in any pieces. Lines end with CRLF, LF or CR (a CRLF cut between two pieces is one line end);
 * they are cut on bytes and decoded whole, so a UTF-8 character split across reads is never broken. One leading BOM
 * is dropped; comment lines are ignored; {@code data:} lines join with LF; {@code event:} names the event
 * ({@code message} when none); other fields are ignored. Not thread-safe: feed it from one thread at a time.
 */
public final class SseParser {

    private static final String BOM = "\uFEFF";

    private final BiConsumer<String, String> onEvent;
    private final int maxEventBytes;
    private Buffer line = Buffer.buffer();
    private String event;
    private StringBuilder data;
    private int eventBytes;
    private boolean firstLine = true;
    private boolean previousWasCr;

    public SseParser(int maxEventBytes, BiConsumer<String, String> onEvent) {
        this.maxEventBytes = maxEventBytes;
        this.onEvent = onEvent;
    }

    /** Reads the next piece; throws {@link IllegalStateException} once one event exceeds the bound. */
    public void feed(Buffer chunk) {
        int start = 0;
        for (int i = 0; i < chunk.length(); i++) {
            byte b = chunk.getByte(i);
            if (b == '\n' && previousWasCr) {
                // the LF of a CRLF whose CR ended the line already (possibly in the previous piece)
                previousWasCr = false;
                start = i + 1;
                continue;
            }
            previousWasCr = b == '\r';
            if (b == '\r' || b == '\n') {
                line.appendBuffer(chunk, start, i - start);
                onLine(line.toString(StandardCharsets.UTF_8));
                line = Buffer.buffer();
                start = i + 1;
            }
        }
        line.appendBuffer(chunk, start, chunk.length() - start);
        if (line.length() + eventBytes > maxEventBytes) {
            throw new IllegalStateException("event larger than " + maxEventBytes + " bytes");
        }
    }

    private void onLine(String text) {
        if (firstLine) {
            firstLine = false;
            if (text.startsWith(BOM)) {
                text = text.substring(BOM.length());
            }
        }
        eventBytes += text.length();
        if (eventBytes > maxEventBytes) {
            throw new IllegalStateException("event larger than " + maxEventBytes + " bytes");
        }
        if (text.isEmpty()) {
            if (data != null) {
                onEvent.accept(event == null || event.isEmpty() ? "message" : event, data.toString());
            }
            event = null;
            data = null;
            eventBytes = 0;
            return;
        }
        if (text.startsWith(":")) {
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        if (field.equals("event")) {
            event = value;
        } else if (field.equals("data")) {
            if (data == null) {
                data = new StringBuilder(value);
            } else {
                data.append('\n').append(value);
            }
        }
    }
}
