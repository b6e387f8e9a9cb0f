package io.z3chat.gateway.downstream;

import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

import io.vertx.core.buffer.Buffer;

/**
 * Incremental parser of a {@code text/event-stream}: calls back with (event, data) for each complete event.
 * Lines are cut on bytes, so a UTF-8 character split across network reads is never broken.
 */
public final class SseParser {

    private final BiConsumer<String, String> onEvent;
    private final int maxEventBytes;
    private Buffer line = Buffer.buffer();
    private String event;
    private StringBuilder data;
    private int eventBytes;

    public SseParser(int maxEventBytes, BiConsumer<String, String> onEvent) {
        this.maxEventBytes = maxEventBytes;
        this.onEvent = onEvent;
    }

    public void feed(Buffer chunk) {
        int start = 0;
        for (int i = 0; i < chunk.length(); i++) {
            if (chunk.getByte(i) == '\n') {
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
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        eventBytes += text.length();
        if (eventBytes > maxEventBytes) {
            throw new IllegalStateException("event larger than " + maxEventBytes + " bytes");
        }
        if (text.isEmpty()) {
            if (data != null) {
                onEvent.accept(event == null ? "message" : event, data.toString());
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
