package io.z3chat.llmproxy.testing;


/** Reads one value from the Prometheus scrape. */
public final class Metrics {

    private Metrics() {
    }

    /** The sum of every series whose line starts with {@code series} (a name, optionally with labels). */
    public static double value(String series) {
        return Management.given().get("/q/metrics").asString().lines()
                .filter(line -> line.startsWith(series + " ") || line.startsWith(series + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** The sum of the series of {@code name} whose labels include {@code label} (as {@code code="x"}). */
    public static double value(String name, String label) {
        return Management.given().get("/q/metrics").asString().lines()
                .filter(line -> line.startsWith(name + "{") && line.substring(0, line.indexOf('}')).contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
