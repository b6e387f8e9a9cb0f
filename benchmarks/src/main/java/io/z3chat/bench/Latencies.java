package io.z3chat.bench;

import java.util.Arrays;

/** Durations recorded from many threads, read back as nearest-rank percentiles in milliseconds. */
final class Latencies {

    private long[] nanos = new long[4096];
    private int size;

    synchronized void add(long durationNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = durationNanos;
    }

    synchronized int count() {
        return size;
    }

    /** The nearest-rank percentile, {@code q} from 0 to 1, in milliseconds; NaN when nothing was recorded. */
    synchronized double millis(double q) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
    }

    double p50() {
        return millis(0.50);
    }

    double p99() {
        return millis(0.99);
    }

    synchronized double maxMillis() {
        return millis(1.0);
    }

    String summary() {
        return String.format("p50 %.2f ms, p99 %.2f ms, max %.2f ms (n=%d)", p50(), p99(), maxMillis(), count());
    }
}
