package io.z3chat.gateway.downstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.vertx.core.buffer.Buffer;

class SseParserTest {

    @Test
    void eventsSplitAnywhereIncludingInsideACharacterAreReassembled() {
        List<String> events = new ArrayList<>();
        SseParser parser = new SseParser(1024, (type, data) -> events.add(type + "|" + data));
        byte[] stream = ("event: delta\ndata: {\"text\":\"h\u00e9llo \uD83D\uDE00\"}\n\n: comment\r\n"
                + "event: done\r\ndata: a\r\ndata: b\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        for (byte b : stream) {
            parser.feed(Buffer.buffer(new byte[] { b }));
        }
        assertEquals(List.of("delta|{\"text\":\"h\u00e9llo \uD83D\uDE00\"}", "done|a\nb"), events);
    }

    @Test
    void anOversizedEventIsRefused() {
        SseParser parser = new SseParser(16, (type, data) -> {
        });
        assertThrows(IllegalStateException.class, () -> parser.feed(Buffer.buffer("data: " + "x".repeat(100))));
    }
}
