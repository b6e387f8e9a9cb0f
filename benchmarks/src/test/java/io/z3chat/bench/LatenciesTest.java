package io.z3chat.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatenciesTest {

    @Test
    void percentilesAreNearestRankInMilliseconds() {
        Latencies latencies = new Latencies();
        for (int i = 100; i >= 1; i--) {
            latencies.add(i * 1_000_000L);
        }
        assertEquals(50.0, latencies.p50());
        assertEquals(99.0, latencies.p99());
        assertEquals(100.0, latencies.maxMillis());
        assertEquals(100, latencies.count());
    }

    @Test
    void manyValuesFromManyThreadsAreAllKept() throws InterruptedException {
        Latencies latencies = new Latencies();
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    latencies.add(1_000_000L);
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(80_000, latencies.count());
        assertEquals(1.0, latencies.p99());
    }

    @Test
    void nothingRecordedIsNotANumber() {
        assertTrue(Double.isNaN(new Latencies().p50()));
    }
}
