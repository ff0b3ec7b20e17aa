package org.dls4j.shared.train;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The costs a training loop recorded, the notebook's {@code costs} list with the iteration (or epoch) of each.
 * Built by {@link CostRecorder}.
 */
public record CostCurve(int[] iterations, double[] costs) {

    public CostCurve {
        if (iterations.length != costs.length) {
            throw new IllegalArgumentException(iterations.length + " iterations but " + costs.length + " costs");
        }
    }

    /** The cost recorded at {@code iteration}; an exception when it was not recorded. */
    public double at(int iteration) {
        int i = Arrays.binarySearch(iterations, iteration);
        if (i < 0) {
            throw new IllegalArgumentException("no cost recorded at iteration " + iteration);
        }
        return costs[i];
    }

    /** The last cost recorded. */
    public double last() {
        return costs[costs.length - 1];
    }

    /** How many costs were recorded. */
    public int size() {
        return costs.length;
    }

    /** The costs at the iterations that are multiples of {@code every}, e.g. the notebook's {@code costs} list. */
    public double[] every(int every) {
        return IntStream.range(0, iterations.length).filter(i -> iterations[i] % every == 0)
                .mapToDouble(i -> costs[i]).toArray();
    }
}
