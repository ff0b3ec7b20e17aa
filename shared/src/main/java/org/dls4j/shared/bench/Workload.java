package org.dls4j.shared.bench;

/**
 * A benchmark case set up and ready: the loop to time, how long the notebook runs it, and how long to warm it up.
 * A lap is one pass of the loop that the case can observe: an iteration, or an epoch of mini-batch steps (then
 * the case reports the steps of each epoch with {@link Stopwatch#lap(int)}).
 *
 * @param notebookLaps the notebook's whole run, e.g. 2500 iterations
 * @param warmupLaps the laps of the run made first, untimed, so that the JIT has compiled the loop
 * @param lapName what a lap is called in the printed lines ({@code iteration}, {@code epoch})
 * @param training the loop
 */
public record Workload(int notebookLaps, int warmupLaps, String lapName, Training training) {

    public Workload {
        if (notebookLaps < 1 || warmupLaps < 0) {
            throw new IllegalArgumentException("laps must be positive: " + notebookLaps + ", " + warmupLaps);
        }
    }

    /** The loop of a case. */
    @FunctionalInterface
    public interface Training {
        /**
         * Trains from the case's initial state (the same every call) for {@code laps} laps, calling
         * {@code stopwatch.lap(units)} after each, and returns the cost of the last lap.
         */
        double train(int laps, Stopwatch stopwatch);
    }
}
