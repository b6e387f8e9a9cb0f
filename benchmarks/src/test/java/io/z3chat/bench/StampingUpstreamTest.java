package io.z3chat.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StampingUpstreamTest {

    @Test
    void stampsAreReadBackFromJoinedChunks() {
        assertEquals(Map.of(0, 123L, 1, 456L), StampingUpstream.stamps("0@123;1@456;"));
        assertEquals(Map.of(7, 99L), StampingUpstream.stamps("partial 6@1 no; 7@99;"));
    }

    @Test
    void anEchoReplyNamesItsQuestionInEveryChunk() {
        assertEquals("q1:0 q1:1 q1:2 ", StampingUpstream.echoReply("q1", 3));
    }

    @Test
    void modelNamesCarryTheirShape() {
        assertEquals("bench/stamp-20x20", StampingUpstream.stampModel(20, 20));
        assertEquals(List.of("bench/echo-60x20"), List.of(StampingUpstream.echoModel(60, 20)));
    }
}
