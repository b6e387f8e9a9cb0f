package io.z3chat.gateway.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The outbox alone: its bound and how it joins frames from two sources. */
class OutboxTest {

    private final FrameJson codec = new FrameJson(new ObjectMapper());

    /** A connection that never finishes a write (a stalled client) unless told to. */
    private static final class FakeChannel implements Outbox.Channel {
        final List<String> written = new ArrayList<>();
        final List<CompletableFuture<Void>> pending = new ArrayList<>();
        boolean flushes;
        int closes;

        @Override
        public CompletionStage<Void> write(String text) {
            written.add(text);
            CompletableFuture<Void> done = new CompletableFuture<>();
            if (flushes) {
                done.complete(null);
            } else {
                pending.add(done);
            }
            return done;
        }

        @Override
        public void closeTooSlow() {
            closes++;
        }
    }

    @Test
    void aStalledClientIsClosedOnceTheBoundIsReachedAndNothingMoreIsHeld() {
        FakeChannel channel = new FakeChannel();
        AtomicInteger overflows = new AtomicInteger();
        Outbox outbox = new Outbox(channel, codec, 10_000, "ws", overflows::incrementAndGet);
        outbox.offer(new ServerFrame.Start("g1", "c1", "m1", "model"));
        String text = "y".repeat(1000);
        for (int i = 0; i < 1000; i++) {
            outbox.offer(new ServerFrame.Delta("g1", i * 1000, text));
        }
        assertEquals(1, overflows.get());
        assertEquals(1, channel.closes);
        assertFalse(outbox.isOpen());
        assertTrue(outbox.maxSeenPendingChars() <= 10_000, "never more than the bound queued");
        assertTrue(channel.written.size() < 12, "frames after the overflow are dropped, not queued");
    }

    @Test
    void aClientThatKeepsUpIsNeverClosed() {
        FakeChannel channel = new FakeChannel();
        channel.flushes = true;
        Outbox outbox = new Outbox(channel, codec, 10_000, "ws", () -> {
        });
        String text = "y".repeat(1000);
        outbox.offer(new ServerFrame.Start("g1", "c1", "m1", "model"));
        for (int i = 0; i < 1000; i++) {
            outbox.offer(new ServerFrame.Delta("g1", i * 1000, text));
        }
        assertTrue(outbox.isOpen());
        assertEquals(1001, channel.written.size());
    }

    @Test
    void framesFromTwoSourcesJoinWithoutGapOrOverlap() {
        FakeChannel channel = new FakeChannel();
        channel.flushes = true;
        Outbox outbox = new Outbox(channel, codec, 100_000, "ws", () -> {
        });
        outbox.expect("g1", 5);
        outbox.offer(new ServerFrame.Delta("g1", 9, "late")); // a gap: the other source fills it
        outbox.offer(new ServerFrame.Start("g1", "c1", "m1", "model"));
        outbox.offer(new ServerFrame.Delta("g1", 0, "Hello world")); // overlaps what the client has
        outbox.offer(new ServerFrame.Start("g1", "c1", "m1", "model")); // repeated
        outbox.offer(new ServerFrame.Delta("g1", 5, " world")); // repeated
        outbox.offer(new ServerFrame.Delta("g1", 11, "!"));
        outbox.offer(new ServerFrame.Done("g1", "m1", "complete", null, null, null));
        outbox.offer(new ServerFrame.Done("g1", "m1", "complete", null, null, null));
        outbox.offer(new ServerFrame.Delta("g1", 12, "after done"));
        assertEquals(List.of(
                "{\"type\":\"start\",\"generationId\":\"g1\",\"chatId\":\"c1\",\"messageId\":\"m1\",\"model\":\"model\"}",
                "{\"type\":\"delta\",\"generationId\":\"g1\",\"offset\":5,\"text\":\" world\"}",
                "{\"type\":\"delta\",\"generationId\":\"g1\",\"offset\":11,\"text\":\"!\"}",
                "{\"type\":\"done\",\"generationId\":\"g1\",\"messageId\":\"m1\",\"status\":\"complete\"}"),
                channel.written);
    }

    @Test
    void aSenderWaitingForRoomGoesOnOnceHalfTheBoundIsFlushedOrTheClientIsGone() {
        FakeChannel channel = new FakeChannel();
        Outbox outbox = new Outbox(channel, codec, 10_000, "ws", () -> {
        });
        outbox.offer(new ServerFrame.Start("g1", "c1", "m1", "model"));
        outbox.offer(new ServerFrame.Delta("g1", 0, "y".repeat(6000)));
        AtomicInteger ran = new AtomicInteger();
        outbox.whenReady(ran::incrementAndGet);
        assertEquals(0, ran.get(), "6,000 of a 10,000 bound unflushed: no room yet");
        channel.pending.forEach(write -> write.complete(null));
        assertEquals(1, ran.get(), "room once flushed");
        outbox.whenReady(ran::incrementAndGet);
        assertEquals(2, ran.get(), "room at once");
        outbox.offer(new ServerFrame.Delta("g1", 6000, "y".repeat(6000)));
        outbox.whenReady(ran::incrementAndGet);
        outbox.closed();
        assertEquals(3, ran.get(), "a closed client never leaves its sender waiting");
    }

    @Test
    void aLongDeltaIsCutIntoPiecesThatJoinWithoutSplittingASurrogatePair() {
        String text = "a".repeat(9) + "🎉" + "b".repeat(5);
        List<ServerFrame.Delta> pieces = new ServerFrame.Delta("g1", 100, text).pieces(10);
        assertEquals(List.of(new ServerFrame.Delta("g1", 100, "a".repeat(9)),
                new ServerFrame.Delta("g1", 109, "🎉" + "b".repeat(5))), pieces);
        assertEquals(List.of(new ServerFrame.Delta("g1", 0, "short")), new ServerFrame.Delta("g1", 0, "short").pieces(10));
    }

    @Test
    void aResumeFromBelowWhatWasSentGetsTheRestAgainOnce() {
        FakeChannel channel = new FakeChannel();
        channel.flushes = true;
        Outbox outbox = new Outbox(channel, codec, 100_000, "ws", () -> {
        });
        outbox.offer(new ServerFrame.Start("g1", "c1", "m1", "model"));
        outbox.offer(new ServerFrame.Delta("g1", 0, "Hello"));
        outbox.offer(new ServerFrame.Delta("g1", 5, " world")); // the page never got this one
        outbox.expect("g1", 5);
        outbox.offer(new ServerFrame.Delta("g1", 11, "!")); // the live relay, past the page's end: held back
        outbox.offer(new ServerFrame.Start("g1", "c1", "m1", "model")); // the resume's own start
        outbox.offer(new ServerFrame.Delta("g1", 5, " world!")); // the resume, from the page's end
        outbox.offer(new ServerFrame.Done("g1", "m1", "complete", null, null, null));
        outbox.offer(new ServerFrame.Done("g1", "m1", "complete", null, null, null));
        assertEquals(List.of(
                "{\"type\":\"start\",\"generationId\":\"g1\",\"chatId\":\"c1\",\"messageId\":\"m1\",\"model\":\"model\"}",
                "{\"type\":\"delta\",\"generationId\":\"g1\",\"offset\":0,\"text\":\"Hello\"}",
                "{\"type\":\"delta\",\"generationId\":\"g1\",\"offset\":5,\"text\":\" world\"}",
                "{\"type\":\"delta\",\"generationId\":\"g1\",\"offset\":5,\"text\":\" world!\"}",
                "{\"type\":\"done\",\"generationId\":\"g1\",\"messageId\":\"m1\",\"status\":\"complete\"}"),
                channel.written);
    }
}
