package org.dls4j.shared;

import org.dls4j.shared.train.TrainingDivergedException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one place that makes ND4J compute like numpy: float64 everywhere, plus the finiteness check every training
 * loop runs on its cost.
 */
public final class Numerics {

    private Numerics() {
    }

    /**
     * Makes every array ND4J creates from now on DOUBLE, as numpy's are ({@code np.zeros}, {@code np.random.randn},
     * images divided by {@code 255.}). Called once per entry point: {@code AssignmentRunner} for the command line,
     * the shared test-jar's {@code Float64Session} for every test JVM, and the benchmark runner; idempotent.
     * Framework models that train in float32 set that type in their own configuration.
     */
    public static void useFloat64() {
        if (Nd4j.dataType() != DataType.DOUBLE) {
            Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        }
    }

    /**
     * Stops training with a clear message when the cost is NaN or infinite.
     *
     * @param cost the value just computed
     * @param iteration the iteration (or epoch) that produced it
     * @param hint what to try instead, e.g. "use a smaller --learning-rate"
     * @return {@code cost}, so the check can wrap the computation
     * @throws TrainingDivergedException when {@code cost} is not finite
     */
    public static double requireFinite(double cost, long iteration, String hint) {
        if (!Double.isFinite(cost)) {
            throw new TrainingDivergedException(cost, iteration, hint);
        }
        return cost;
    }
}
