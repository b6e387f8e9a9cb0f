package io.z3chat.llmproxy.sse;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Incremental parser for the WHATWG "event stream" format (HTML Living Standard, section 9.2.6).
 *
 * <p>Bytes may arrive in any pieces: a UTF-8 character or a CRLF pair cut between two pieces is put back together.
 * Lines end with CRLF, LF or CR; one leading BOM is dropped; comment lines are ignored; {@code data:} lines
 * accumulate; {@code event:}, {@code id:} and {@code retry:} are honoured. An event that is not terminated by a
 * blank line before the end of the stream is discarded, as the standard says. Not thread-safe: feed it from one
 * thread at a time.
 */
public final class SseParser {

    private static final char BOM = '\uFEFF';

    private final Consumer<SseEvent> onEvent;
    private final int maxEventChars;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);

    private ByteBuffer undecoded = ByteBuffer.allocate(0);
    private final StringBuilder line = new StringBuilder();
    private final StringBuilder data = new StringBuilder();
    private String eventType = "";
    private String lastEventId = "";
    private long reconnectionTimeMs = -1;
    private boolean streamStarted;
    private boolean previousWasCr;
    private boolean ended;

    /**
     * @param onEvent receives each dispatched event, in order
     * @param maxEventChars the most characters one line plus the data gathered for one event may hold, so that a
     *                      stream which never ends a line or an event cannot grow memory without bound
     */
    public SseParser(Consumer<SseEvent> onEvent, int maxEventChars) {
        this.onEvent = onEvent;
        this.maxEventChars = maxEventChars;
    }

    public void feed(byte[] bytes) {
        feed(ByteBuffer.wrap(bytes));
    }

    public void feed(ByteBuffer bytes) {
        if (ended) {
            throw new IllegalStateException("stream already ended");
        }
        ByteBuffer input = join(undecoded, bytes);
        CharBuffer chars = CharBuffer.allocate(input.remaining() + 1);
        decoder.decode(input, chars, false);
        undecoded = input.hasRemaining() ? copyOf(input) : ByteBuffer.allocate(0);
        accept(chars.flip());
    }

    /** The stream has ended: a character cut short becomes U+FFFD and an unterminated event is dropped. */
    public void end() {
        if (ended) {
            return;
        }
        CharBuffer chars = CharBuffer.allocate(undecoded.remaining() + 4);
        decoder.decode(undecoded, chars, true);
        decoder.flush(chars);
        accept(chars.flip());
        ended = true;
        line.setLength(0);
        data.setLength(0);
    }

    /** The reconnection time the stream asked for with {@code retry:}, or -1 when it never did. */
    public long reconnectionTimeMs() {
        return reconnectionTimeMs;
    }

    private void accept(CharBuffer chars) {
        while (chars.hasRemaining()) {
            char c = chars.get();
            if (!streamStarted) {
                streamStarted = true;
                if (c == BOM) {
                    continue;
                }
            }
            if (previousWasCr && c == '\n') {
                previousWasCr = false;
                continue;
            }
            previousWasCr = c == '\r';
            if (c == '\r' || c == '\n') {
                processLine();
            } else {
                line.append(c);
                checkSize();
            }
        }
    }

    private void processLine() {
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        String current = line.toString();
        line.setLength(0);
        if (current.charAt(0) == ':') {
            return;
        }
        int colon = current.indexOf(':');
        if (colon < 0) {
            processField(current, "");
        } else {
            int valueStart = colon + 1;
            if (valueStart < current.length() && current.charAt(valueStart) == ' ') {
                valueStart++;
            }
            processField(current.substring(0, colon), current.substring(valueStart));
        }
    }

    private void processField(String field, String value) {
        switch (field) {
            case "event" -> eventType = value;
            case "data" -> {
                data.append(value).append('\n');
                checkSize();
            }
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastEventId = value;
                }
            }
            case "retry" -> {
                if (!value.isEmpty() && value.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                    try {
                        reconnectionTimeMs = Long.parseLong(value);
                    } catch (NumberFormatException tooLarge) {
                        // digits only but beyond a long: ignore the field, as for any value we cannot use
                    }
                }
            }
            default -> {
                // unknown fields are ignored
            }
        }
    }

    private void dispatch() {
        if (data.isEmpty()) {
            eventType = "";
            return;
        }
        data.setLength(data.length() - 1);
        SseEvent event = new SseEvent(eventType.isEmpty() ? "message" : eventType, data.toString(), lastEventId);
        data.setLength(0);
        eventType = "";
        onEvent.accept(event);
    }

    private void checkSize() {
        if (line.length() + data.length() > maxEventChars) {
            throw new SseFormatException("event longer than " + maxEventChars + " characters");
        }
    }

    private static ByteBuffer join(ByteBuffer head, ByteBuffer tail) {
        if (!head.hasRemaining()) {
            return tail;
        }
        ByteBuffer joined = ByteBuffer.allocate(head.remaining() + tail.remaining());
        joined.put(head).put(tail).flip();
        return joined;
    }

    private static ByteBuffer copyOf(ByteBuffer rest) {
        ByteBuffer copy = ByteBuffer.allocate(rest.remaining());
        copy.put(rest).flip();
        return copy;
    }
}
