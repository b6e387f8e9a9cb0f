package io.z3chat.llmproxy.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class SseParserTest {

    private final List<SseEvent> events = new ArrayList<>();
    private final SseParser parser = new SseParser(events::add, 10_000);

    @Test
    void dispatchesDataEventsSeparatedByBlankLines() {
        feed("data: one\n\ndata: two\n\n");
        parser.end();
        assertEquals(List.of(event("one"), event("two")), events);
    }

    @Test
    void joinsMultiLineDataWithLineFeeds() {
        feed("data: first\ndata:second\ndata\ndata:  indented\n\n");
        assertEquals(List.of(event("first\nsecond\n\n indented")), events);
    }

    @Test
    void acceptsCrLfAndCrLineEndings() {
        feed("data: a\r\n\r\ndata: b\r\rdata: c\n\r\n");
        assertEquals(List.of(event("a"), event("b"), event("c")), events);
    }

    @Test
    void crAtTheEndOfOneChunkAndLfAtTheStartOfTheNextAreOneLineEnding() {
        feed("data: a\r");
        feed("\ndata: b\r");
        feed("\n\r");
        feed("\n");
        // had the LF after a CR counted as a second line ending, "a" would have been dispatched alone
        assertEquals(List.of(event("a\nb")), events);
    }

    @Test
    void ignoresCommentLinesWhichCarryNoData() {
        feed(": OPENROUTER PROCESSING\n\n: OPENROUTER PROCESSING\n\ndata: x\n: inside\ndata: y\n\n");
        assertEquals(List.of(event("x\ny")), events);
    }

    @Test
    void honoursEventIdAndRetryFields() {
        feed("event: error\nid: 7\nretry: 1500\ndata: {}\n\ndata: next\n\nid\nretry: soon\ndata: last\n\n");
        assertEquals(List.of(new SseEvent("error", "{}", "7"), new SseEvent("message", "next", "7"),
                new SseEvent("message", "last", "")), events);
        assertEquals(1500, parser.reconnectionTimeMs());
    }

    @Test
    void ignoresIdContainingNullAndUnknownFields() {
        feed("id: 1\n\nid: a\u0000b\nfoo: bar\ndata: d\n\n");
        assertEquals(List.of(new SseEvent("message", "d", "1")), events);
    }

    @Test
    void eventWithoutDataIsNotDispatchedAndResetsTheType() {
        feed("event: ping\n\ndata: after\n\n");
        assertEquals(List.of(event("after")), events);
    }

    @Test
    void emptyDataLineDispatchesAnEmptyEvent() {
        feed("data\n\n");
        assertEquals(List.of(event("")), events);
    }

    @Test
    void dropsOneLeadingBomEvenWhenItsBytesAreSplit() {
        byte[] bytes = ("\uFEFFdata: \uFEFFx\n\n").getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            parser.feed(new byte[] { b });
        }
        assertEquals(List.of(event("\uFEFFx")), events);
    }

    @Test
    void reassemblesUtf8CharactersCutAtEveryPossibleByte() {
        String text = "data: 亚洲 émoji 🎉 done\n\n";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int cut = 1; cut < bytes.length; cut++) {
            events.clear();
            SseParser fresh = new SseParser(events::add, 10_000);
            fresh.feed(Arrays.copyOfRange(bytes, 0, cut));
            fresh.feed(Arrays.copyOfRange(bytes, cut, bytes.length));
            fresh.end();
            assertEquals(List.of(event("亚洲 émoji 🎉 done")), events, "cut at byte " + cut);
        }
    }

    @Test
    void parsesTheSameWhateverTheChunking() {
        String stream = "\uFEFF: hi\r\ndata: {\"a\":\"亚\"}\r\n\r\nevent: x\rdata: 🎉\r\r: c\ndata: [DONE]\n\n";
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        List<SseEvent> whole = parseInChunksOf(bytes, bytes.length);
        assertEquals(List.of(event("{\"a\":\"亚\"}"), new SseEvent("x", "🎉", ""), event("[DONE]")), whole);
        for (int size = 1; size <= 7; size++) {
            assertEquals(whole, parseInChunksOf(bytes, size), "chunks of " + size);
        }
    }

    @Test
    void discardsAnEventNotTerminatedByABlankLine() {
        feed("data: complete\n\ndata: cut short");
        parser.end();
        assertEquals(List.of(event("complete")), events);
    }

    @Test
    void replacesACharacterCutShortByALineEnding() {
        byte[] bytes = "data: 亚".getBytes(StandardCharsets.UTF_8);
        parser.feed(Arrays.copyOf(bytes, bytes.length - 1));
        parser.feed("\n\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of(event("\uFFFD")), events);
    }

    @Test
    void refusesAnEventThatOutgrowsTheLimit() {
        SseParser small = new SseParser(events::add, 16);
        small.feed("data: 0123456789\n".getBytes(StandardCharsets.UTF_8));
        assertThrows(SseFormatException.class,
                () -> small.feed("data: 0123456789\n".getBytes(StandardCharsets.UTF_8)));
        assertThrows(SseFormatException.class,
                () -> new SseParser(events::add, 16).feed("data: a line that never ends".getBytes(StandardCharsets.UTF_8)));
    }

    private List<SseEvent> parseInChunksOf(byte[] bytes, int size) {
        List<SseEvent> out = new ArrayList<>();
        SseParser p = new SseParser(out::add, 10_000);
        for (int i = 0; i < bytes.length; i += size) {
            p.feed(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + size)));
        }
        p.end();
        return out;
    }

    private void feed(String s) {
        parser.feed(s.getBytes(StandardCharsets.UTF_8));
    }

    private static SseEvent event(String data) {
        return new SseEvent("message", data, "");
    }
}
