package io.z3chat.bench;

/**
 * {@code java -jar benchmarks/target/benchmarks.jar hops|streaming|load} (what {@code ./bench.sh} runs): one benchmark
 * of SPEC 9, against the packaged services started with production JVM settings. Exits 0 when every figure met its
 * budget, 1 when one missed, 2 on wrong usage.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length == 1 ? args[0] : "";
        Budget budget;
        switch (which) {
            case "hops" -> budget = new HopOverheadBenchmark().run();
            case "streaming" -> budget = new StreamingLatencyBenchmark().run();
            case "load" -> budget = new ConcurrentStreamsBenchmark().run();
            default -> {
                System.err.println("usage: bench.sh hops|streaming|load");
                System.exit(2);
                return;
            }
        }
        System.exit(budget.allMet() ? 0 : 1);
    }
}
