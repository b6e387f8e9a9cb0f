package io.z3chat.gateway.downstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.vertx.core.buffer.Buffer;

/** The reader reads what llm-proxy-service writes, whatever the line endings and however the bytes are cut. */
class SseParserTest {

    /**
     * A generation's stream as llm-proxy writes it (RESTEasy Reactive: {@code event:} then {@code data:} lines, a blank
     * line after each event), with a keep-alive comment, a character outside the BMP and one split in UTF-8.
     */
    static final String LLM_PROXY_STREAM = "event: start\n"
            + "data: {\"type\":\"start\",\"generationId\":\"g1\",\"messageId\":\"m1\",\"model\":\"m\",\"owner\":\"http://10.0.0.7:8082\"}\n"
            + "\n"
            + ":\n"
            + "event: delta\n"
            + "data: {\"type\":\"delta\",\"generationId\":\"g1\",\"offset\":0,\"text\":\"h\u00e9llo \uD83D\uDE00\"}\n"
            + "\n"
            + "event: done\n"
            + "data: {\"type\":\"done\",\"generationId\":\"g1\",\"messageId\":\"m1\",\"status\":\"complete\"}\n"
            + "\n";

    static final List<String> LLM_PROXY_EVENTS = List.of(
            "start|{\"type\":\"start\",\"generationId\":\"g1\",\"messageId\":\"m1\",\"model\":\"m\",\"owner\":\"http://10.0.0.7:8082\"}",
            "delta|{\"type\":\"delta\",\"generationId\":\"g1\",\"offset\":0,\"text\":\"h\u00e9llo \uD83D\uDE00\"}",
            "done|{\"type\":\"done\",\"generationId\":\"g1\",\"messageId\":\"m1\",\"status\":\"complete\"}");

    @ParameterizedTest
    @ValueSource(strings = { "\n", "\r\n", "\r" })
    void readsLlmProxysStreamUnderAnyLineEndingCutAnywhere(String lineEnding) {
        byte[] stream = LLM_PROXY_STREAM.replace("\n", lineEnding).getBytes(StandardCharsets.UTF_8);
        assertEquals(LLM_PROXY_EVENTS, read(stream, 1), "one byte at a time");
        assertEquals(LLM_PROXY_EVENTS, read(stream, stream.length), "all at once");
        Random random = new Random(lineEnding.hashCode());
        for (int round = 0; round < 200; round++) {
            assertEquals(LLM_PROXY_EVENTS, readInRandomPieces(stream, random), "random pieces, round " + round);
        }
    }

    @Test
    void aCrlfCutBetweenTwoPiecesEndsOneLineNotTwo() {
        List<String> events = new ArrayList<>();
        SseParser parser = new SseParser(1024, (type, data) -> events.add(type + "|" + data));
        parser.feed(Buffer.buffer("data: a\r"));
        parser.feed(Buffer.buffer("\ndata: b\r"));
        parser.feed(Buffer.buffer("\n\r"));
        parser.feed(Buffer.buffer("\n"));
        assertEquals(List.of("message|a\nb"), events);
    }

    @Test
    void multiLineDataJoinsWithLineFeedsAndCommentsAndUnknownFieldsAreSkipped() {
        byte[] stream = (": keep-alive\r\nid: 7\rretry: 1000\nevent: delta\r\ndata: one\rdata:two\ndata\r\nfoo: bar\n\n")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("delta|one\ntwo\n"), read(stream, 3));
    }

    @Test
    void aLeadingByteOrderMarkIsDroppedEvenWhenItsBytesArriveApart() {
        byte[] stream = ("\uFEFFevent: start\ndata: x\n\n").getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("start|x"), read(stream, 1));
        assertEquals(List.of("start|x"), read(stream, 2));
    }

    @Test
    void anEventWithoutAnameIsAmessageAndOneWithoutDataIsNotDispatched() {
        byte[] stream = "event: lonely\n\ndata: plain\n\nevent:\ndata: empty name\n\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(List.of("message|plain", "message|empty name"), read(stream, 5));
    }

    @Test
    void anEventNotEndedByABlankLineIsNotDispatched() {
        assertEquals(List.of(), read("event: delta\ndata: cut".getBytes(StandardCharsets.UTF_8), 4));
    }

    @Test
    void anOversizedEventIsRefused() {
        SseParser parser = new SseParser(16, (type, data) -> {
        });
        assertThrows(IllegalStateException.class, () -> parser.feed(Buffer.buffer("data: " + "x".repeat(100))));
    }

    @Test
    void anOversizedEventIsRefusedAlsoWhenItsLinesAreShort() {
        SseParser parser = new SseParser(64, (type, data) -> {
        });
        assertThrows(IllegalStateException.class, () -> parser.feed(Buffer.buffer("data: xxxxxxxx\r".repeat(20))));
    }

    private static List<String> read(byte[] stream, int pieceSize) {
        List<String> events = new ArrayList<>();
        SseParser parser = new SseParser(1024, (type, data) -> events.add(type + "|" + data));
        for (int at = 0; at < stream.length; at += pieceSize) {
            parser.feed(Buffer.buffer().appendBytes(stream, at, Math.min(pieceSize, stream.length - at)));
        }
        return events;
    }

    private static List<String> readInRandomPieces(byte[] stream, Random random) {
        List<String> events = new ArrayList<>();
        SseParser parser = new SseParser(1024, (type, data) -> events.add(type + "|" + data));
        int at = 0;
        while (at < stream.length) {
            int size = Math.min(stream.length - at, random.nextInt(12));
            parser.feed(Buffer.buffer().appendBytes(stream, at, size));
            at += size;
        }
        return events;
    }
}
