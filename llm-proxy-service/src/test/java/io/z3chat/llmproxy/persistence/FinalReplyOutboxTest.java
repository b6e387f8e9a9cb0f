package io.z3chat.llmproxy.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.z3chat.llmproxy.fake.SettableClock;
import io.z3chat.llmproxy.persistence.FinalReplyOutbox.Outcome;
import io.z3chat.llmproxy.reply.FinalReply;
import io.z3chat.llmproxy.reply.MessagePatch;
import io.z3chat.llmproxy.retry.Backoff;
import io.z3chat.llmproxy.retry.RetryPolicy;

/** The outbox in simulated time: hours of outage run in milliseconds. */
class FinalReplyOutboxTest {

    private static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    private static final RetryPolicy DEFAULT_POLICY =
            new RetryPolicy(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30)), Duration.ofHours(1));

    private final VirtualTime time = new VirtualTime();
    private final List<String> log = new ArrayList<>();
    private final List<Instant> sends = new ArrayList<>();

    private FinalReplyOutbox outbox(int maxPending, long maxBytes, Function<Instant, Outcome> persistence) {
        return new FinalReplyOutbox(DEFAULT_POLICY, maxPending, maxBytes, time, time.clock, reply -> {
            sends.add(time.clock.now());
            return Uni.createFrom().item(persistence.apply(time.clock.now()));
        }, new RecordingListener(log));
    }

    private static FinalReply reply(String generationId, int chars) {
        return new FinalReply("u@example.com", "chat_123456", "msg_" + generationId, generationId,
                new MessagePatch("x".repeat(chars), "complete", null, null, null, generationId, "owner", "m", null),
                null);
    }

    @Test
    void aReplySurvivesTenMinutesOfOutageAndIsSavedExactlyOnceWhenPersistenceReturns() {
        Instant back = T0.plus(Duration.ofMinutes(10));
        FinalReplyOutbox outbox = outbox(100, 1 << 20,
                now -> now.isBefore(back) ? Outcome.RETRY : Outcome.SAVED);

        outbox.submit(reply("gen_a", 1000));
        time.runUntilIdle();

        assertEquals(List.of("saved gen_a"), log);
        Instant savedAt = sends.get(sends.size() - 1);
        assertTrue(!savedAt.isBefore(back) && savedAt.isBefore(back.plusSeconds(31)),
                "saved within one backoff of persistence returning: " + savedAt);
        assertTrue(sends.size() > 20 && sends.size() < 40, "kept trying, backed off: " + sends.size());
        assertEquals(0, outbox.size());
        assertEquals(0, outbox.bytes());
    }

    @Test
    void failuresThatAreNotAnswersCountAsRetriesToo() {
        int[] calls = { 0 };
        FinalReplyOutbox outbox = new FinalReplyOutbox(DEFAULT_POLICY, 10, 1 << 20, time, time.clock, reply -> {
            calls[0]++;
            if (calls[0] == 1) {
                throw new IllegalStateException("connection refused");
            }
            return calls[0] == 2 ? Uni.createFrom().failure(new RuntimeException("timeout"))
                    : Uni.createFrom().item(Outcome.SAVED);
        }, new RecordingListener(log));
        outbox.submit(reply("gen_b", 10));
        time.runUntilIdle();
        assertEquals(List.of("saved gen_b"), log);
        assertEquals(3, calls[0]);
    }

    @Test
    void aReplyRefusedForGoodIsDroppedNotRetried() {
        FinalReplyOutbox outbox = outbox(100, 1 << 20, now -> Outcome.REJECTED);
        outbox.submit(reply("gen_c", 10));
        time.runUntilIdle();
        assertEquals(List.of("dropped gen_c rejected"), log);
        assertEquals(1, sends.size());
    }

    @Test
    void givesUpWhenPersistenceStaysDownLongerThanConfigured() {
        FinalReplyOutbox outbox = outbox(100, 1 << 20, now -> Outcome.RETRY);
        outbox.submit(reply("gen_d", 10));
        time.runUntilIdle();
        assertEquals(List.of("dropped gen_d gave_up"), log);
        Duration tried = Duration.between(T0, sends.get(sends.size() - 1));
        assertTrue(tried.compareTo(Duration.ofMinutes(59)) > 0 && tried.compareTo(Duration.ofHours(1)) <= 0,
                "tried for " + tried);
        assertEquals(0, outbox.size());
    }

    @Test
    void staysBoundedInCountAndBytesByDroppingTheOldest() {
        FinalReplyOutbox byCount = outbox(2, 1 << 20, now -> Outcome.RETRY);
        byCount.submit(reply("gen_1", 10));
        byCount.submit(reply("gen_2", 10));
        byCount.submit(reply("gen_3", 10));
        assertEquals(List.of("dropped gen_1 outbox_full"), log);
        assertEquals(2, byCount.size());

        log.clear();
        long oneReply = reply("gen_x", 1000).bytes();
        FinalReplyOutbox byBytes = outbox(100, oneReply * 2, now -> Outcome.RETRY);
        byBytes.submit(reply("gen_4", 1000));
        byBytes.submit(reply("gen_5", 1000));
        assertEquals(List.of(), log);
        byBytes.submit(reply("gen_6", 1000));
        assertEquals(List.of("dropped gen_4 outbox_full"), log);
        assertEquals(2 * oneReply, byBytes.bytes());
    }

    /** A scheduler and clock that only move when told. */
    private static final class VirtualTime implements FinalReplyOutbox.Scheduler {

        private record Task(Instant at, long order, Runnable run) {
        }

        final SettableClock clock = new SettableClock(T0);
        private long order;
        private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.at().equals(b.at())
                ? Long.compare(a.order(), b.order()) : a.at().compareTo(b.at()));

        @Override
        public void schedule(Duration delay, Runnable task) {
            tasks.add(new Task(clock.now().plus(delay), order++, task));
        }

        void runUntilIdle() {
            Task next;
            while ((next = tasks.poll()) != null) {
                clock.set(next.at());
                next.run().run();
            }
        }
    }

    private record RecordingListener(List<String> log) implements FinalReplyOutbox.Listener {
        @Override
        public void saved(FinalReply reply, int attempts) {
            log.add("saved " + reply.generationId());
        }

        @Override
        public void retrying(FinalReply reply, int attempts, Duration delay) {
        }

        @Override
        public void dropped(FinalReply reply, String reason) {
            log.add("dropped " + reply.generationId() + " " + reason);
        }
    }
}
