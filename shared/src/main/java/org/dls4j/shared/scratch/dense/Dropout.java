package org.dls4j.shared.scratch.dense;

import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.Shapes;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted dropout as Course 2's regularisation notebook writes it: a mask {@code D = (np.random.rand(n, m) <
 * keep_prob).astype(int)} drawn from numpy's global state, {@code A = A * D / keep_prob} forward and
 * {@code dA = dA * D / keep_prob} backward (so the expected activation is unchanged and no rescaling is needed at
 * test time). {@link ThreeLayerNetwork#forwardPropagationWithDropout} puts them together with the notebook's
 * {@code np.random.seed(1)} on every call.
 */
public final class Dropout {

    private Dropout() {
    }

    /** {@code D = np.random.rand(rows, columns); D = (D < keep_prob).astype(int)}: 0/1 DOUBLE, row by row. */
    public static INDArray mask(NumpyRandom rng, int rows, int columns, double keepProb) {
        requireKeepProb(keepProb);
        double[] d = new double[rows * columns];
        for (int i = 0; i < d.length; i++) {
            // (np.random.rand(...) < keep_prob).astype(int)
            d[i] = rng.randomSample() < keepProb ? 1.0 : 0.0;
        }
        return Nd4j.create(d, new long[] {rows, columns}, 'c');
    }

    /** {@code A = A * D; A = A / keep_prob}, a new array (two roundings, as numpy's two lines). */
    public static INDArray apply(INDArray A, INDArray D, double keepProb) {
        Shapes.requireSameShape(A, "A", D, "D");
        // A = A * D
        INDArray dropped = A.mul(D);
        // A = A / keep_prob
        return dropped.divi(keepProb);
    }

    /** {@code dA = dA * D; dA = dA / keep_prob}; {@code dA} itself when {@code D} is null (no dropout). */
    public static INDArray backward(INDArray dA, INDArray D, double keepProb) {
        if (D == null) {
            return dA;
        }
        return apply(dA, D, keepProb);
    }

    static void requireKeepProb(double keepProb) {
        if (!(keepProb > 0 && keepProb <= 1)) {
            throw new IllegalArgumentException("keep_prob must be in (0, 1] but was " + keepProb);
        }
    }
}
