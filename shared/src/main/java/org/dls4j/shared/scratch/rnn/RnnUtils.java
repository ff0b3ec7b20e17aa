package org.dls4j.shared.scratch.rnn;

import org.dls4j.shared.scratch.dense.Activations;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The helpers of the notebooks' {@code rnn_utils.py} and {@code utils.py}, readable, in ND4J float64: what the
 * graded functions call as given.
 */
public final class RnnUtils {

    private RnnUtils() {
    }

    /**
     * {@code softmax(x)}: {@code e_x = np.exp(x - np.max(x))}; {@code return e_x / e_x.sum(axis=0)}. The max is
     * the whole array's, not each column's: the same probabilities, each column normalised over the classes.
     */
    public static INDArray softmax(INDArray x) {
        // e_x = np.exp(x - np.max(x))
        INDArray eX = Transforms.exp(x.sub(x.maxNumber()), false);
        // return e_x / e_x.sum(axis=0)
        return eX.diviRowVector(eX.sum(true, 0));
    }

    /** {@code sigmoid(x)}: {@code 1 / (1 + np.exp(-x))}. */
    public static INDArray sigmoid(INDArray x) {
        return Activations.sigmoid(x);
    }

    /** {@code np.tanh(x)} with numpy's values ({@link Activations#tanh}). */
    public static INDArray tanh(INDArray x) {
        return Activations.tanh(x);
    }
}
