package org.dls4j.shared.scratch.dense;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One layer's {@code cache = (linear_cache, activation_cache)} from {@code linear_activation_forward}: the linear
 * cache {@code (A_prev, W, b)} and the activation cache {@code Z}.
 */
public record Cache(LinearCache linear, INDArray Z) {

    /** {@code A_prev}, the layer's input. */
    public INDArray aPrev() {
        return linear.aPrev();
    }

    public INDArray W() {
        return linear.W();
    }

    public INDArray b() {
        return linear.b();
    }
}
