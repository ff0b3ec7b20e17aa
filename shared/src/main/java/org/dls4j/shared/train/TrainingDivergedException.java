package org.dls4j.shared.train;

/** Training produced a NaN or infinite cost and was stopped. The message says when and what to try. */
public final class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final double cost;
    private final long iteration;

    public TrainingDivergedException(double cost, long iteration, String hint) {
        super("Training stopped: the cost became " + cost + " at iteration " + iteration + "."
                + (hint == null || hint.isBlank() ? "" : " " + hint));
        this.cost = cost;
        this.iteration = iteration;
    }

    public double cost() {
        return cost;
    }

    public long iteration() {
        return iteration;
    }
}
