package io.z3chat.llmproxy.generation;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.smallrye.mutiny.helpers.Subscriptions;
import io.z3chat.llmproxy.generation.GenerationEvent.DoneEvent;

/**
 * One client following a generation. It holds an offset, not a queue: each request for an item gets everything
 * produced since the last one, so what is buffered per follower is bounded whatever the client's pace.
 */
final class GenerationFeed implements Flow.Subscription {

    private final Generation generation;
    private final Flow.Subscriber<? super GenerationEvent> downstream;
    private final AtomicLong requested = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private volatile boolean cancelled;

    // guarded by the generation's lock (read and written only in Generation.next)
    int offset;
    boolean startSent;
    boolean errorSent;
    boolean doneSent;

    GenerationFeed(Generation generation, int from, Flow.Subscriber<? super GenerationEvent> downstream) {
        this.generation = generation;
        this.offset = from;
        this.downstream = downstream;
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            cancel();
            downstream.onError(new IllegalArgumentException("request must be positive (reactive streams rule 3.9)"));
            return;
        }
        Subscriptions.add(requested, n);
        drain();
    }

    @Override
    public void cancel() {
        cancelled = true;
        generation.detach(this);
    }

    /** Emits what the follower asked for and is there; safe to call from any thread, never concurrently emits. */
    void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            while (!cancelled && requested.get() > 0) {
                GenerationEvent event = generation.next(this);
                if (event == null) {
                    break;
                }
                Subscriptions.produced(requested, 1);
                downstream.onNext(event);
                if (event instanceof DoneEvent) {
                    cancel();
                    downstream.onComplete();
                    return;
                }
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }
}
