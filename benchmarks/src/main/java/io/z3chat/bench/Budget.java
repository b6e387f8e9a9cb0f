package io.z3chat.bench;

import java.util.ArrayList;
import java.util.List;

/** Prints each figure beside its SPEC 9 budget and keeps the verdicts for the run's last lines. */
final class Budget {

    private final List<String> verdicts = new ArrayList<>();

    /** A figure that must stay at or below its budget. */
    void atMost(String figure, double value, double budget, String unit) {
        boolean met = value <= budget;
        record(String.format("%-58s %10.2f %-4s budget <= %8.2f %-4s %s", figure, value, unit, budget, unit,
                met ? "MET" : String.format("MISSED by %.2f %s", value - budget, unit)), met);
    }

    /** A figure that must reach at least its budget. */
    void atLeast(String figure, double value, double budget, String unit) {
        boolean met = value >= budget;
        record(String.format("%-58s %10.2f %-4s budget >= %8.2f %-4s %s", figure, value, unit, budget, unit,
                met ? "MET" : String.format("MISSED by %.2f %s", budget - value, unit)), met);
    }

    /** A yes-or-no budget ("none dropped"), with what was seen. */
    void holds(String figure, boolean met, String seen) {
        record(String.format("%-58s %s   %s", figure, met ? "MET" : "MISSED", seen), met);
    }

    /** A figure printed for context, with no budget of its own. */
    void info(String figure, String value) {
        System.out.printf("%-58s %s%n", figure, value);
    }

    private void record(String line, boolean met) {
        System.out.println(line);
        verdicts.add(line);
    }

    void printSummary(String benchmark) {
        System.out.println();
        System.out.println("== " + benchmark + ": figures against SPEC 9 ==");
        verdicts.forEach(System.out::println);
    }

    boolean allMet() {
        return verdicts.stream().noneMatch(v -> v.contains("MISSED"));
    }
}
