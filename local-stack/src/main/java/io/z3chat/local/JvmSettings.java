package io.z3chat.local;

import java.util.List;

/** How the stack's JVMs run: started fast for the local run and tests, or as production runs them for benchmarks. */
public enum JvmSettings {

    /** The local run: C1 only and the serial collector, so the five JVMs start in seconds on a laptop. */
    QUICK_START {
        @Override
        List<String> flags(String heap) {
            return List.of("-Xmx" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        }
    },

    /**
     * What the services' images run: the UBI OpenJDK image's {@code run-java.sh} defaults (parallel collector,
     * its heap-sizing ratios, exit on out-of-memory) with the heap at 80% of the 512 MiB container limit of
     * {@code k8s/base}, and the full JIT.
     */
    PRODUCTION {
        @Override
        List<String> flags(String heap) {
            return List.of("-Xmx410m", "-XX:+UseParallelGC", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20",
                    "-XX:GCTimeRatio=4", "-XX:AdaptiveSizePolicyWeight=90", "-XX:+ExitOnOutOfMemoryError");
        }
    };

    /** The JVM flags for a process that needs {@code heap} on the local run. */
    abstract List<String> flags(String heap);
}
