package io.z3chat.llmproxy.generation;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.Vertx;

/**
 * The generations this replica holds: streaming ones (at most {@code max-active}) and finished ones kept for
 * replay for {@code retain-finished}, within a budget of characters (the oldest go first).
 */
@ApplicationScoped
class GenerationRegistry {

    private final Map<String, Generation> byId = new ConcurrentHashMap<>();
    private final AtomicInteger active = new AtomicInteger();
    /** Set once this replica is stopping: it finishes what it has and takes nothing new. */
    private volatile boolean closedToNew;
    private final Map<String, Integer> finishedOldestFirst = new LinkedHashMap<>();
    private long retainedChars;

    private final Vertx vertx;
    private final GenerationConfig config;

    GenerationRegistry(Vertx vertx, GenerationConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    /** From now on this replica starts no generation (it is draining before it stops). */
    void closeToNew() {
        closedToNew = true;
    }

    boolean closedToNew() {
        return closedToNew;
    }

    /** Reserves a slot for a new generation; false when this replica is full. */
    boolean tryReserve() {
        if (active.incrementAndGet() > config.maxActive()) {
            active.decrementAndGet();
            return false;
        }
        return true;
    }

    void add(Generation generation) {
        byId.put(generation.id(), generation);
    }

    /** Another user's generation is not found either. */
    Optional<Generation> find(String id, String user) {
        Generation generation = byId.get(id);
        return generation != null && generation.user().equals(user) ? Optional.of(generation) : Optional.empty();
    }

    Stream<Generation> streaming() {
        return byId.values().stream().filter(generation -> !generation.isFinished());
    }

    int activeCount() {
        return active.get();
    }

    void finished(Generation generation) {
        active.decrementAndGet();
        int chars = generation.text().length();
        synchronized (this) {
            finishedOldestFirst.put(generation.id(), chars);
            retainedChars += chars;
            Iterator<Map.Entry<String, Integer>> oldest = finishedOldestFirst.entrySet().iterator();
            while (retainedChars > config.maxRetainedChars() && oldest.hasNext()) {
                Map.Entry<String, Integer> evicted = oldest.next();
                oldest.remove();
                retainedChars -= evicted.getValue();
                byId.remove(evicted.getKey());
            }
        }
        vertx.setTimer(Math.max(1, config.retainFinished().toMillis()), id -> forget(generation.id()));
    }

    private synchronized void forget(String id) {
        Integer chars = finishedOldestFirst.remove(id);
        if (chars != null) {
            retainedChars -= chars;
            byId.remove(id);
        }
    }
}
