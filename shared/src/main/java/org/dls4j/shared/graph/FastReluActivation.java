package org.dls4j.shared.graph;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's RELU activation ({@code ActivationReLU} without a cap, threshold or negative slope) with its gradient on
 * oneDNN ({@link ReluGradient}): ND4J's took a quarter of a SIGNS ConvNet step. The fast path gives it to the float32
 * convolution layers it equips ({@link FastPath}), in the layer object's own copy of its configuration: the graph's
 * configuration, and what a saved network holds, keep {@code ActivationReLU}.
 */
final class FastReluActivation extends ActivationReLU {

    /** Whether {@code activation} is exactly DL4J's plain RELU, which this one computes the same. */
    static boolean replaces(IActivation activation) {
        return activation != null && activation.getClass() == ActivationReLU.class
                && unset(((ActivationReLU) activation).getMax())
                && unset(((ActivationReLU) activation).getThreshold())
                && unset(((ActivationReLU) activation).getNegativeSlope());
    }

    private static boolean unset(Double value) {
        return value == null || value == 0.0;
    }

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        if (!ReluGradient.takes(in, epsilon)) {
            return super.backprop(in, epsilon);
        }
        INDArray dLdz = Nd4j.createUninitialized(DataType.FLOAT, in.shape(), 'c');
        return new Pair<>(ReluGradient.into(in, epsilon, dLdz), null);
    }
}
