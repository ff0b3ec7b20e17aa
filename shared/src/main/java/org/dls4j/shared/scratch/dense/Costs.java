package org.dls4j.shared.scratch.dense;

import org.dls4j.shared.NumpySum;
import org.dls4j.shared.Shapes;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The cross-entropy cost {@code J = -(1/m) sum(y log a + (1-y) log(1-a))} in the two ways the notebooks write it.
 * They agree to about 1e-16 and differ only in the last bit; which one an assignment uses decides its last printed
 * digit at full precision:
 * <ul>
 *   <li>{@link #crossEntropy} (dot form): {@code (1./m) * (-np.dot(Y, np.log(AL).T) - np.dot(1-Y, np.log(1-AL).T))}.
 *       Used by Course 1 week 4 (the step-by-step notebook's hint and {@code dnn_app_utils_v3.compute_cost}, so both
 *       cats models). Unit check: {@code AL = [[.8, .9, .4]], Y = [[1, 1, 0]]} gives {@code 0.2797765635793422}.</li>
 *   <li>{@link #crossEntropySum} (sum form): {@code -np.sum(Y*np.log(AL) + (1-Y)*np.log(1-AL)) / m}, the form the
 *       reference implementation used for its "np.sum form" value {@code 0.2797765635793423}. Note that
 *       {@code -1/m * np.sum(...)} rounds like the dot form here ({@code ...422}).</li>
 * </ul>
 * Course 2 helpers use {@code np.nansum} or drop the {@code 1/m}; they build on these with their own line.
 */
public final class Costs {

    private Costs() {
    }

    /** {@code compute_cost(AL, Y)}, dot form (Course 1 week 4). */
    public static double crossEntropy(INDArray AL, INDArray Y) {
        check(AL, Y);
        // 1 - AL, 1 - Y
        INDArray oneMinusAL = AL.rsub(1.0);
        INDArray oneMinusY = Y.rsub(1.0);
        return crossEntropy(AL, oneMinusAL, Y, oneMinusY);
    }

    /** The dot form with {@code 1-AL} and {@code 1-Y} already computed (the training loop reuses them). */
    static double crossEntropy(INDArray AL, INDArray oneMinusAL, INDArray Y, INDArray oneMinusY) {
        long m = Y.size(1);
        // np.log(AL), np.log(1-AL)
        INDArray logAL = Transforms.log(AL, true);
        INDArray logOneMinusAL = Transforms.log(oneMinusAL, true);
        // np.dot(Y, np.log(AL).T), np.dot(1-Y, np.log(1-AL).T): BLAS ddot, as numpy uses for a row times a column
        double yLogA = Nd4j.getBlasWrapper().dot(Y, logAL);
        double notYLogNotA = Nd4j.getBlasWrapper().dot(oneMinusY, logOneMinusAL);
        // cost = (1./m) * (-np.dot(...) - np.dot(...))
        return (1.0 / m) * (-yLogA - notYLogNotA);
    }

    /** {@code -np.sum(Y*np.log(AL) + (1-Y)*np.log(1-AL)) / m}, with numpy's pairwise summation. */
    public static double crossEntropySum(INDArray AL, INDArray Y) {
        check(AL, Y);
        long m = Y.size(1);
        // Y*np.log(AL) + (1-Y)*np.log(1-AL)
        INDArray logprobs = Y.mul(Transforms.log(AL, true))
                .addi(Y.rsub(1.0).muli(Transforms.log(AL.rsub(1.0), false)));
        // -np.sum(logprobs) / m
        return -NumpySum.sum(logprobs) / m;
    }

    private static void check(INDArray AL, INDArray Y) {
        if (AL.rank() != 2 || AL.size(0) != 1) {
            throw new IllegalArgumentException("AL must have shape (1, m) but was " + Shapes.format(AL.shape()));
        }
        Shapes.requireSameShape(AL, "AL", Y, "Y");
    }
}
