package org.dls4j.shared.scratch.dense;

import org.dls4j.shared.Shapes;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The output layer of a {@link FusedDenseNet}: its activation, the labels it accepts and its per-example loss. It is
 * part of the network's description ({@link FusedDenseNet.Spec#output()}), checked against the last layer's width
 * and against {@code Y} before any training, so that another output (a softmax over C classes, say) is one more
 * constant here and not a change to the training loop.
 *
 * <p>Every output here is paired with the loss for which {@code dZ = A - Y} at the last layer (sigmoid with binary
 * cross-entropy, softmax with categorical cross-entropy), which is what the fused backward pass starts from.
 */
public enum NetworkOutput {

    /**
     * One sigmoid unit, {@code a = 1/(1+np.exp(-z))}, with the binary cross-entropy of Course 2's helpers,
     * {@code logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)}. {@code Y} is
     * {@code (1, m)} of 0 and 1.
     */
    SIGMOID {
        @Override
        void checkUnits(int units, String layer) {
            if (units != 1) {
                throw new IllegalArgumentException("a sigmoid output has one unit, but " + layer + " has " + units
                        + " rows");
            }
        }

        @Override
        void checkLabels(INDArray Y, int units, long m) {
            Shapes.require(Y, "Y", 1, m);
            double[] y = Y.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            for (int j = 0; j < y.length; j++) {
                if (y[j] != 0.0 && y[j] != 1.0) {
                    throw new IllegalArgumentException("Y must hold 0/1 labels for a sigmoid output, but Y[0, " + j
                            + "] = " + y[j]);
                }
            }
        }

        @Override
        void activate(double[] z, int units, int m) {
            for (int j = 0; j < m; j++) {
                // sigmoid: 1/(1+np.exp(-Z))
                z[j] = 1 / (1 + Math.exp(-z[j]));
            }
        }

        @Override
        void losses(double[] a, double[] y, int units, int m, double[] terms) {
            for (int j = 0; j < m; j++) {
                // np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)
                terms[j] = -Math.log(a[j]) * y[j] + -Math.log(1 - a[j]) * (1 - y[j]);
            }
        }
    };

    /** Throws when the last layer ({@code layer}, e.g. {@code "W3"}) does not have the units this output needs. */
    abstract void checkUnits(int units, String layer);

    /** Throws when {@code Y} is not {@code (units, m)} of labels this output can learn. */
    abstract void checkLabels(INDArray Y, int units, long m);

    /** Activates the last layer in place: {@code z} is {@code (units, m)} row-major, {@code Z = np.dot(W, A) + b}. */
    abstract void activate(double[] z, int units, int m);

    /** The loss of each example ({@code m} terms) from the activations {@code a} and the labels {@code y}. */
    abstract void losses(double[] a, double[] y, int units, int m, double[] terms);
}
