package io.z3chat.llmproxy.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.z3chat.llmproxy.error.ApiException;
import io.z3chat.llmproxy.fake.SettableClock;

class ModelCatalogTest {

    private static final ModelInfo MODEL = new ModelInfo("a/b", "A B", null, null, null, null, null, false);

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-25T07:43:32Z"));
    private boolean failing;
    private final AtomicInteger fetches = new AtomicInteger();

    private final ModelCatalog catalog = new ModelCatalog(() -> {
        fetches.incrementAndGet();
        return failing ? Uni.createFrom().failure(new RuntimeException("down")) : Uni.createFrom().item(List.of(MODEL));
    }, Duration.ofMinutes(10), clock);

    private ModelList get() {
        return catalog.models().await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void fetchesOnceWithinTheTtlAndAgainAfterIt() {
        ModelList first = get();
        assertEquals(List.of(MODEL), first.models());
        assertFalse(first.stale());
        assertEquals("2026-11-25T07:43:32.000Z", first.fetchedAt());
        clock.advance(Duration.ofMinutes(9));
        get();
        assertEquals(1, fetches.get());
        clock.advance(Duration.ofMinutes(2));
        assertEquals("2026-11-25T07:54:32.000Z", get().fetchedAt());
        assertEquals(2, fetches.get());
    }

    @Test
    void servesTheLastListMarkedStaleWhenTheUpstreamFailsAndLeavesItAloneForAWhile() {
        get();
        failing = true;
        clock.advance(Duration.ofMinutes(11));
        ModelList stale = get();
        assertTrue(stale.stale());
        assertEquals(List.of(MODEL), stale.models());
        assertEquals(2, fetches.get());
        clock.advance(Duration.ofSeconds(10));
        assertTrue(get().stale());
        assertEquals(2, fetches.get(), "not asked again right after failing");
        failing = false;
        clock.advance(Duration.ofSeconds(30));
        assertFalse(get().stale());
        assertEquals(3, fetches.get());
    }

    @Test
    void withNothingCachedAFailingUpstreamIs503() {
        failing = true;
        ApiException e = assertThrows(ApiException.class, this::get);
        assertEquals(503, e.status());
    }

    @Test
    void concurrentRequestsShareOneFetch() {
        AtomicInteger calls = new AtomicInteger();
        UniEmitter<? super List<ModelInfo>>[] pending = new UniEmitter[1];
        ModelCatalog slow = new ModelCatalog(() -> {
            calls.incrementAndGet();
            return Uni.createFrom().emitter(emitter -> pending[0] = emitter);
        }, Duration.ofMinutes(10), clock);
        var first = slow.models().subscribeAsCompletionStage();
        var second = slow.models().subscribeAsCompletionStage();
        pending[0].complete(List.of(MODEL));
        assertEquals(List.of(MODEL), first.join().models());
        assertEquals(List.of(MODEL), second.join().models());
        assertEquals(1, calls.get());
    }
}
