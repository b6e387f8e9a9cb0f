package io.z3chat.llmproxy.persistence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Uni;
import io.z3chat.llmproxy.reply.FinalReply;
import io.z3chat.llmproxy.retry.RetryPolicy;

/**
 * Final replies waiting to be saved. Each is sent at once and, while persistence-service is unavailable, again
 * after a backoff, until it is saved, refused for good, given up on, or pushed out by newer replies when the
 * outbox is full (bounded in count and bytes). One send per reply is in flight at a time, so a reply that was
 * saved is never sent again by this outbox.
 */
public final class FinalReplyOutbox {

    /** What a send attempt came to. */
    public enum Outcome {
        SAVED,
        /** persistence-service could not take it now: try again later. */
        RETRY,
        /** persistence-service refused it for good (e.g. the chat is gone). */
        REJECTED
    }

    /** Runs a task after a delay (Vert.x timers in the service, virtual time in tests). */
    public interface Scheduler {
        void schedule(Duration delay, Runnable task);
    }

    public interface Sender {
        Uni<Outcome> send(FinalReply reply);
    }

    public interface Listener {
        void saved(FinalReply reply, int attempts);

        void retrying(FinalReply reply, int attempts, Duration delay);

        void dropped(FinalReply reply, String reason);
    }

    private final RetryPolicy policy;
    private final int maxPending;
    private final long maxPendingBytes;
    private final Scheduler scheduler;
    private final Clock clock;
    private final Sender sender;
    private final Listener listener;

    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private long pendingBytes;

    public FinalReplyOutbox(RetryPolicy policy, int maxPending, long maxPendingBytes, Scheduler scheduler, Clock clock,
            Sender sender, Listener listener) {
        this.policy = policy;
        this.maxPending = maxPending;
        this.maxPendingBytes = maxPendingBytes;
        this.scheduler = scheduler;
        this.clock = clock;
        this.sender = sender;
        this.listener = listener;
    }

    public void submit(FinalReply reply) {
        Pending entry = new Pending(reply, clock.instant());
        List<Pending> evicted = new ArrayList<>();
        synchronized (this) {
            Pending previous = pending.put(reply.generationId(), entry);
            if (previous != null) {
                pendingBytes -= previous.bytes;
            }
            pendingBytes += entry.bytes;
            Iterator<Pending> oldestFirst = pending.values().iterator();
            while ((pending.size() > maxPending || pendingBytes > maxPendingBytes) && oldestFirst.hasNext()) {
                Pending oldest = oldestFirst.next();
                oldestFirst.remove();
                pendingBytes -= oldest.bytes;
                evicted.add(oldest);
            }
        }
        evicted.forEach(e -> listener.dropped(e.reply, "outbox_full"));
        attempt(entry);
    }

    public synchronized int size() {
        return pending.size();
    }

    public synchronized long bytes() {
        return pendingBytes;
    }

    private void attempt(Pending entry) {
        synchronized (this) {
            if (pending.get(entry.reply.generationId()) != entry) {
                return;
            }
            entry.attempts++;
        }
        Uni<Outcome> sent;
        try {
            sent = sender.send(entry.reply);
        } catch (RuntimeException e) {
            sent = Uni.createFrom().item(Outcome.RETRY);
        }
        sent.onFailure().recoverWithItem(Outcome.RETRY)
                .subscribe().with(outcome -> settle(entry, outcome));
    }

    private void settle(Pending entry, Outcome outcome) {
        if (outcome == Outcome.RETRY && isPending(entry)) {
            Duration delay = policy.nextDelay(entry.attempts, Duration.between(entry.since, clock.instant()));
            if (delay != null) {
                listener.retrying(entry.reply, entry.attempts, delay);
                scheduler.schedule(delay, () -> attempt(entry));
                return;
            }
        }
        boolean mine;
        synchronized (this) {
            mine = pending.remove(entry.reply.generationId(), entry);
            if (mine) {
                pendingBytes -= entry.bytes;
            }
        }
        if (outcome == Outcome.SAVED) {
            // even when it was pushed out while this send was under way: it did land
            listener.saved(entry.reply, entry.attempts);
        } else if (mine) {
            listener.dropped(entry.reply, outcome == Outcome.REJECTED ? "rejected" : "gave_up");
        }
    }

    private synchronized boolean isPending(Pending entry) {
        return pending.get(entry.reply.generationId()) == entry;
    }

    private static final class Pending {
        final FinalReply reply;
        final Instant since;
        final long bytes;
        volatile int attempts;

        Pending(FinalReply reply, Instant since) {
            this.reply = reply;
            this.since = since;
            this.bytes = reply.bytes();
        }
    }
}
