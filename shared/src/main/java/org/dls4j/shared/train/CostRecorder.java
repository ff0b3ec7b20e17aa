package org.dls4j.shared.train;

import java.util.Arrays;

/**
 * The one place that decides which costs a training loop keeps and prints: every {@code n}-th iteration
 * ({@code if i % n == 0}), optionally the last one too ({@code or i == num_iterations - 1}), and that stops training
 * when a cost is not a number.
 * <pre>{@code
 * CostRecorder recorder = CostRecorder.every(100).andLast(numIterations)
 *         .onRecord((i, cost) -> report.say("Cost after iteration " + i + ": " + cost));
 * for (int i = 0; i < numIterations; i++) {
 *     double cost = step();
 *     recorder.record(i, cost);
 * }
 * CostCurve costs = recorder.curve();
 * }</pre>
 * A NaN cost always stops training with a {@link TrainingDivergedException}; an infinite one does too unless
 * {@link #allowInfinite()} was called (the notebooks whose {@code np.nansum} keeps {@code inf} and go on).
 */
public final class CostRecorder {

    private final int every;
    private int last = -1;
    private boolean allowInfinite;
    private CostListener listener = (i, cost) -> { };
    private String hint = "Try a smaller --learning-rate.";
    private int[] iterations = new int[16];
    private double[] costs = new double[16];
    private int size;

    private CostRecorder(int every) {
        if (every < 1) {
            throw new IllegalArgumentException("costs are recorded every N iterations with N at least 1, not " + every);
        }
        this.every = every;
    }

    /** Records the cost at iterations {@code 0, n, 2n, ...}. */
    public static CostRecorder every(int n) {
        return new CostRecorder(n);
    }

    /** Also records the last of {@code totalIterations} iterations ({@code i == totalIterations - 1}). */
    public CostRecorder andLast(int totalIterations) {
        this.last = totalIterations - 1;
        return this;
    }

    /** Called with each recorded cost, in order (print it, plot it). */
    public CostRecorder onRecord(CostListener newListener) {
        this.listener = newListener;
        return this;
    }

    /** Lets {@code inf} through (still stops on NaN). */
    public CostRecorder allowInfinite() {
        this.allowInfinite = true;
        return this;
    }

    /** What the divergence message suggests, e.g. {@code "Try a smaller --learning-rate."}. */
    public CostRecorder hint(String newHint) {
        this.hint = newHint;
        return this;
    }

    /** Whether iteration {@code i} is one whose cost is recorded. */
    public boolean due(int i) {
        return i % every == 0 || i == last;
    }

    /**
     * Checks {@code cost} and records it when iteration {@code i} is due.
     *
     * @return whether it was recorded
     * @throws TrainingDivergedException when the cost is NaN, or infinite and infinities are not allowed
     */
    public boolean record(int i, double cost) {
        if (Double.isNaN(cost) || (!allowInfinite && Double.isInfinite(cost))) {
            throw new TrainingDivergedException(cost, i, hint);
        }
        if (!due(i)) {
            return false;
        }
        if (size == costs.length) {
            iterations = Arrays.copyOf(iterations, size * 2);
            costs = Arrays.copyOf(costs, size * 2);
        }
        iterations[size] = i;
        costs[size++] = cost;
        listener.onCost(i, cost);
        return true;
    }

    /** The costs recorded so far. */
    public CostCurve curve() {
        return new CostCurve(Arrays.copyOf(iterations, size), Arrays.copyOf(costs, size));
    }
}
